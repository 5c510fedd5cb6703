import { z } from "zod";
/**
 * What the tracking settings page shows: the snippet to paste, where the script and collector
 * live, and the workspace's publishable keys by prefix (only a key's prefix is ever readable
 * again; the full key is shown once when an admin creates it).
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../../../db/schema";
import { workspaceService } from "../../context";
import { trackingSnippet } from "./tracking-script";

export const TrackingSetupInput = z.object({ appUrl: z.string().url() });

export const getTrackingSetup = workspaceService(TrackingSetupInput, async ({ ctx, input }) => {
  const keys = await ctx.db
    .select({
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.workspaceId, ctx.workspaceId),
        eq(apiKeys.scope, "publishable"),
        isNull(apiKeys.revokedAt),
      ),
    )
    .orderBy(desc(apiKeys.createdAt));
  const placeholder = keys[0] ? `${keys[0].prefix}…` : "YOUR_PUBLISHABLE_KEY";
  return {
    scriptUrl: `${input.appUrl}/api/v1/t.js`,
    collectorUrl: `${input.appUrl}/api/v1/t`,
    snippet: trackingSnippet(input.appUrl, placeholder),
    publishableKeys: keys,
    canCreateKeys: ctx.actor.role === "admin",
  };
});
