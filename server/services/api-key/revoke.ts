import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { NotFoundError } from "../../errors";

export const RevokeApiKeyInput = z.object({ id: z.string().uuid() });

/** Revoked keys stop working at once; the row stays for the audit trail. */
export const revokeApiKey = workspaceService(RevokeApiKeyInput, async ({ ctx, input }) => {
  requireRole(ctx, "admin");
  const [row] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiKeys.workspaceId, ctx.workspaceId),
        eq(apiKeys.id, input.id),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id });
  if (!row) throw new NotFoundError("API key");
  return { revoked: true as const };
});
