/**
 * Cancels an import that has not finished: an upload never started, one waiting in the queue, or
 * one running. A running job sees the new status at its next batch, rolls that batch back and
 * stops, so the counters say exactly how far it got. The file is deleted by the retention job.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { imports, PENDING_IMPORT_STATUSES } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { ConflictError } from "../../errors";
import { findImport, importView } from "./shared";

export const CancelImportInput = z.object({ id: z.string().uuid() });

export const cancelImport = workspaceService(CancelImportInput, async ({ ctx, input }) => {
  requireRole(ctx, "editor");
  const current = await findImport(ctx, input.id);
  // The message is written from the committed counters in the same statement: a batch that
  // commits first is counted, one still in flight is rolled back by the job.
  const [row] = await ctx.db
    .update(imports)
    .set({
      status: "cancelled",
      finishedAt: new Date(),
      runToken: null,
      error: sql`case ${imports.rowsDone}
        when 0 then ${`Cancelled by ${ctx.actor.name} before any row was imported.`}::text
        when 1 then ${`Cancelled by ${ctx.actor.name} after 1 row: it was applied and is counted here; the rest of the file was not imported.`}::text
        else ${`Cancelled by ${ctx.actor.name} after `}::text || ${imports.rowsDone}::text
          || ${" rows: those were applied and are counted here; the rest of the file was not imported."}::text
        end`,
    })
    .where(
      and(
        eq(imports.workspaceId, ctx.workspaceId),
        eq(imports.id, current.id),
        inArray(imports.status, [...PENDING_IMPORT_STATUSES]),
      ),
    )
    .returning();
  if (!row) throw new ConflictError("This import has already finished");
  return importView(row);
});
