import { desc, eq } from "drizzle-orm";
import { apiKeys } from "../../../db/schema";
import { requireRole, workspaceService, NoInput } from "../../context";

export const listApiKeys = workspaceService(NoInput, async ({ ctx }) => {
  requireRole(ctx, "admin");
  return ctx.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, ctx.workspaceId))
    .orderBy(desc(apiKeys.createdAt));
});
