/**
 * The periodic clean-up of import files (a scheduled job, like the score refresh): an upload never
 * started is deleted after IMPORT_UNSTARTED_RETENTION_HOURS, the file of a failed or cancelled
 * import after IMPORT_FAILED_RETENTION_DAYS; both become `expired` (their counters and skipped rows
 * stay). A completed import's file is deleted as soon as it completes (run.ts).
 *
 * It also ends imports left `running` whose job can no longer resume them (the queue gave up
 * after repeated crashes): no progress for STALE_RUNNING_MINUTES marks them failed, honestly
 * counted, instead of showing "Importing" forever.
 *
 * A system job across workspaces (like the refresh); every write names its row's workspace.
 */
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { systemService } from "../../context";
import { imports } from "../../../db/schema";
import { env } from "../../env";
import { log } from "../../log";
import { stoppedMessage } from "./run";
import { removeFile } from "./storage";

/** Far longer than any batch takes: a running import writes progress after every batch. */
export const STALE_RUNNING_MINUTES = 30;
const PAGE = 500;

const RetentionSettings = z.object({
  unstartedHours: z.number().positive(),
  failedDays: z.number().positive(),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

/** The instant and the settings default to now and the environment's (tests pass their own). */
export const ExpireImportsInput = z
  .object({ now: z.date().optional(), settings: RetentionSettings.optional() })
  .optional()
  .default({});

export const expireImports = systemService(
  ExpireImportsInput,
  async ({ ctx, input }): Promise<{ expired: number; stale: number }> => {
    const db = ctx.db;
    const now = input.now ?? new Date();
    const settings: RetentionSettings = input.settings ?? {
      unstartedHours: env.IMPORT_UNSTARTED_RETENTION_HOURS,
      failedDays: env.IMPORT_FAILED_RETENTION_DAYS,
    };
    const unstartedBefore = new Date(now.getTime() - settings.unstartedHours * 3600_000);
    const finishedBefore = new Date(now.getTime() - settings.failedDays * 86_400_000);
    let expired = 0;
    for (;;) {
      const due = await db
        .select({
          workspaceId: imports.workspaceId,
          id: imports.id,
          status: imports.status,
          storageKey: imports.storageKey,
        })
        .from(imports)
        .where(
          or(
            and(eq(imports.status, "uploaded"), lt(imports.createdAt, unstartedBefore)),
            and(
              inArray(imports.status, ["failed", "cancelled"]),
              sql`coalesce(${imports.finishedAt}, ${imports.createdAt}) < ${finishedBefore.toISOString()}::timestamptz`,
            ),
          ),
        )
        .limit(PAGE);
      for (const row of due) {
        // Marked first (compare-and-set on the status), so an upload being started right now
        // either starts (and keeps its file) or expires, never both.
        const [marked] = await db
          .update(imports)
          .set({ status: "expired", runToken: null })
          .where(
            and(
              eq(imports.workspaceId, row.workspaceId),
              eq(imports.id, row.id),
              eq(imports.status, row.status),
            ),
          )
          .returning({ id: imports.id });
        if (!marked) continue;
        expired += 1;
        await removeFile(row.workspaceId, row.storageKey).catch((e: unknown) =>
          log.warn("could not remove an expired import file", { importId: row.id, err: e }),
        );
      }
      if (due.length < PAGE) break;
    }

    const staleBefore = new Date(now.getTime() - STALE_RUNNING_MINUTES * 60_000);
    const stuck = await db
      .select({ workspaceId: imports.workspaceId, id: imports.id, rowsDone: imports.rowsDone })
      .from(imports)
      .where(and(eq(imports.status, "running"), lt(imports.heartbeatAt, staleBefore)));
    let stale = 0;
    for (const row of stuck) {
      const [marked] = await db
        .update(imports)
        .set({
          status: "failed",
          finishedAt: now,
          runToken: null,
          error: stoppedMessage(
            row.rowsDone,
            "the server stopped while it ran and could not resume it",
          ),
        })
        .where(
          and(
            eq(imports.workspaceId, row.workspaceId),
            eq(imports.id, row.id),
            eq(imports.status, "running"),
            lt(imports.heartbeatAt, staleBefore),
          ),
        )
        .returning({ id: imports.id });
      if (marked) stale += 1;
    }
    if (expired > 0 || stale > 0) log.info("import retention", { expired, stale });
    return { expired, stale };
  },
);
