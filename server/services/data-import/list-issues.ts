import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { importIssues } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { findImport } from "./shared";

export const ListIssuesInput = z.object({
  id: z.string().uuid(),
  /** The last issue id of the previous page. */
  cursor: z.number().int().nonnegative().nullish(),
  limit: z.number().int().min(1).max(1000).default(50),
});

/** Skipped rows with their reasons, in file order, a page at a time (keyset on the issue id). */
export const listImportIssues = workspaceService(ListIssuesInput, async ({ ctx, input }) => {
  requireRole(ctx, "viewer");
  const { id, cursor, limit } = input;
  await findImport(ctx, id);
  const rows = await ctx.db
    .select()
    .from(importIssues)
    .where(
      and(
        eq(importIssues.workspaceId, ctx.workspaceId),
        eq(importIssues.importId, id),
        cursor ? gt(importIssues.id, cursor) : undefined,
      ),
    )
    .orderBy(asc(importIssues.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    issues: page.map((r) => ({
      id: r.id,
      rowNumber: r.rowNumber,
      column: r.column,
      field: r.field,
      message: r.message,
      raw: r.raw,
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
});
