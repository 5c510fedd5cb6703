import { and, desc, eq, isNotNull } from "drizzle-orm";
import { imports } from "../../../db/schema";
import { requireRole, workspaceService, NoInput } from "../../context";
import { importView } from "./shared";

/** The workspace's imports, newest first (uploads never started, even if cancelled or expired, are not listed). */
export const listImports = workspaceService(NoInput, async ({ ctx }) => {
  requireRole(ctx, "viewer");
  const rows = await ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, ctx.workspaceId), isNotNull(imports.mapping)))
    .orderBy(desc(imports.createdAt))
    .limit(50);
  return rows.map(importView);
});
