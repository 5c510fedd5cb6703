import { and, desc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { systemService } from "../../context";
import { compilePercentileReference, compileScoreQuery } from "../../../core/scoring/compile-sql";
import { query, type Db } from "../../../db";
import { contacts, scoreModels, scoreModelVersions, scoreRuns } from "../../../db/schema";
import { log } from "../../log";
import { loadRegistry } from "../registry/load-registry";
import { pgErrorCode } from "../db-errors";
import { analyzeStaleTables } from "../db-maintenance";
import { retryOnConflict } from "../transaction";
import {
  clearModelFailures,
  isTransientDbError,
  recordModelFailure,
  scoringFailureMessage,
} from "./model-health";
import { upsertScores } from "./upsert-scores";

/** The job: which run (of which workspace); tests and benchmarks also set the chunk and instant. */
export const RescoreJobInput = z.object({
  workspaceId: z.string().uuid(),
  runId: z.string().uuid(),
  /** Contacts per set-based statement; progress is recorded between chunks. */
  chunkSize: z.number().int().positive().max(1_000_000).optional(),
  /** The evaluation instant (default: when the run starts). */
  now: z.date().optional(),
});

/**
 * A full rescore of one published model version over every contact of the workspace.
 * Each chunk is one set-based INSERT … SELECT (the compiled score query) upserting stored scores;
 * the run row records progress between chunks. For a percentile scale the reference value R is
 * computed first over all contacts and stored with the run and the model.
 * A run that is no longer the newest for its model (a later publish or switch) stops as cancelled.
 */
export const rescoreModel = systemService(
  RescoreJobInput,
  async ({ ctx, input }): Promise<void> => {
    const db = ctx.db;
    const { workspaceId, runId } = input;
    const options = input;
    const [run] = await db
      .select()
      .from(scoreRuns)
      .where(and(eq(scoreRuns.workspaceId, workspaceId), eq(scoreRuns.id, runId)));
    if (!run || run.status === "succeeded" || run.status === "cancelled") return;

    // A run cut short (its server died) resumes after its last committed chunk, at its own instant.
    const resuming = run.status === "running" && run.resumeAfter !== null && run.asOf !== null;
    const at = resuming && run.asOf ? run.asOf : (options.now ?? new Date());
    const chunkSize = options.chunkSize ?? 5_000;
    try {
      const [model] = await db
        .select()
        .from(scoreModels)
        .where(and(eq(scoreModels.workspaceId, workspaceId), eq(scoreModels.id, run.modelId)));
      if (!model || !model.enabled || model.latestVersion !== run.version) {
        await finish(
          db,
          workspaceId,
          runId,
          "cancelled",
          "The model changed before this run started",
        );
        return;
      }
      const [version] = await db
        .select({ document: scoreModelVersions.document })
        .from(scoreModelVersions)
        .where(
          and(
            eq(scoreModelVersions.workspaceId, workspaceId),
            eq(scoreModelVersions.modelId, run.modelId),
            eq(scoreModelVersions.version, run.version),
          ),
        );
      if (!version) throw new Error(`version ${run.version} of model ${run.modelId} is missing`);
      const document = version.document;
      const registry = await loadRegistry(db, workspaceId);
      // A plan built on missing statistics can turn a chunk of seconds into minutes.
      await analyzeStaleTables(db, ["contacts", "activities", "scores"]);

      if (!resuming) {
        const [{ total } = { total: 0 }] = await db
          .select({ total: sql<number>`count(*)::int` })
          .from(contacts)
          .where(eq(contacts.workspaceId, workspaceId));
        await db
          .update(scoreRuns)
          .set({
            status: "running",
            startedAt: new Date(),
            total: Number(total),
            processed: 0,
            resumeAfter: null,
            asOf: at,
          })
          .where(and(eq(scoreRuns.workspaceId, workspaceId), eq(scoreRuns.id, runId)));
      } else {
        log.info("rescore resumes after its last committed chunk", {
          workspaceId,
          runId,
          after: run.resumeAfter,
          processed: run.processed,
        });
      }

      let scaleReference: number | null = resuming ? run.scaleReference : null;
      if (document.scale.kind === "percentile" && !resuming) {
        const [row] = await query<{ reference: number | string | null }>(
          db,
          compilePercentileReference(document, { workspaceId, at, registry }),
        );
        scaleReference = row?.reference == null ? null : Number(row.reference);
        await db
          .update(scoreRuns)
          .set({ scaleReference })
          .where(and(eq(scoreRuns.workspaceId, workspaceId), eq(scoreRuns.id, runId)));
        await db
          .update(scoreModels)
          .set({ scaleReference, scaleReferenceAt: at })
          .where(and(eq(scoreModels.workspaceId, workspaceId), eq(scoreModels.id, run.modelId)));
      }

      let after = resuming ? (run.resumeAfter ?? 0) : 0;
      let processed = resuming ? run.processed : 0;
      for (;;) {
        // The chunk's upper id bound: the chunkSize-th contact after `after`.
        const window = await db
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.workspaceId, workspaceId), gt(contacts.id, after)))
          .orderBy(contacts.id)
          .limit(chunkSize);
        const last = window.at(-1);
        if (!last) break;
        if (!(await isNewestRun(db, workspaceId, run.modelId, runId))) {
          await finish(
            db,
            workspaceId,
            runId,
            "cancelled",
            "A newer rescore of this model started",
          );
          return;
        }
        const scoreQuery = compileScoreQuery(document, {
          workspaceId,
          at,
          registry,
          scaleReference,
          contactRange: { after, upTo: last.id },
        });
        // A merge may delete a contact of this chunk while it runs (a foreign-key violation or a
        // deadlock on its scores): the chunk is idempotent, so it simply runs again.
        await retryOnConflict(
          () =>
            upsertScores(db, [
              { workspaceId, modelId: run.modelId, version: run.version, at, query: scoreQuery },
            ]),
          { label: "rescore chunk", also: (error) => pgErrorCode(error) === "23503" },
        );
        processed += window.length;
        after = last.id;
        await db
          .update(scoreRuns)
          .set({ processed, resumeAfter: after })
          .where(and(eq(scoreRuns.workspaceId, workspaceId), eq(scoreRuns.id, runId)));
      }
      await finish(db, workspaceId, runId, "succeeded", null);
      await clearModelFailures(db, workspaceId, [run.modelId]);
      log.info("rescore finished", {
        workspaceId,
        runId,
        modelId: run.modelId,
        processed,
      });
    } catch (error) {
      log.error("rescore failed", { workspaceId, runId, err: error });
      await finish(db, workspaceId, runId, "failed", scoringFailureMessage(error));
      if (!isTransientDbError(error)) await recordModelFailure(db, workspaceId, run.modelId, error);
      throw error;
    }
  },
);

async function isNewestRun(db: Db, workspaceId: string, modelId: string, runId: string) {
  const [newest] = await db
    .select({ id: scoreRuns.id })
    .from(scoreRuns)
    .where(and(eq(scoreRuns.workspaceId, workspaceId), eq(scoreRuns.modelId, modelId)))
    .orderBy(desc(scoreRuns.createdAt))
    .limit(1);
  return newest?.id === runId;
}

async function finish(
  db: Db,
  workspaceId: string,
  runId: string,
  status: "succeeded" | "failed" | "cancelled",
  error: string | null,
) {
  await db
    .update(scoreRuns)
    .set({ status, error, finishedAt: new Date() })
    .where(and(eq(scoreRuns.workspaceId, workspaceId), eq(scoreRuns.id, runId)));
}
