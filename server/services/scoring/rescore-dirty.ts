import { sql } from "drizzle-orm";
import { z } from "zod";
import { systemService } from "../../context";
import { compileScoreQuery } from "../../../core/scoring/compile-sql";
import { query, type Db, type Tx } from "../../../db";
import { activities, contacts, scoreDirty } from "../../../db/schema";
import { activityTypesOf } from "./published-models";
import { loadRegistry } from "../registry/load-registry";
import { loadPublishedModels, type PublishedModel } from "./published-models";
import { clearModelFailures, isTransientDbError, recordModelFailure } from "./model-health";
import { log } from "../../log";
import { upsertScores } from "./upsert-scores";

export interface RescoreDirtyResult {
  /** Contacts rescored in this batch. */
  contacts: number;
  /** Milliseconds from the oldest change in the batch to its scores being committed. */
  maxLatencyMs: number | null;
  latenciesMs: number[];
}

/** The batch's activities, scanned once per batch and read by every model's query. */
const BATCH_ACTIVITIES = "batch_activities";

export const RescoreDirtyInput = z
  .object({
    /** Contacts claimed per pass. */
    limit: z.number().int().positive().max(100_000).optional(),
    /** The evaluation instant (default: now). */
    now: z.date().optional(),
    /** Recorded on claims (host:port), so a restarting worker releases its own at once. */
    workerId: z.string().max(200).optional(),
  })
  .optional()
  .default({});

/** A claim older than this is presumed abandoned (its worker died) and may be taken again. */
const STALE_CLAIM = "2 minutes";

/**
 * Incremental scoring in three short steps, so ingestion never waits for scoring (ADR 0006):
 * 1. claim up to `limit` waiting contacts, oldest change first (SKIP LOCKED: workers never block
 *    each other), committed at once;
 * 2. recompute their stored scores for every enabled model's latest version, set-based per
 *    (workspace, model), in one transaction;
 * 3. release the claim: delete the rows still carrying it. A contact that changed again meanwhile
 *    had its claim cleared by `markContactsDirty`, so it stays queued and is scored again.
 * Each workspace scores in its own transaction and each failing model is isolated (scoreWorkspace);
 * a workspace hit by a transient database error keeps its claims, which go stale and are retaken. Percentile models keep the reference
 * R of their last full rescore (SPEC §4), so an incremental update never shifts other contacts.
 */
export const rescoreDirty = systemService(
  RescoreDirtyInput,
  async ({ ctx, input }): Promise<RescoreDirtyResult> => {
    const db = ctx.db;
    const options = input;
    const limit = options.limit ?? 1_000;
    const claimId = crypto.randomUUID();
    const claimed = await query<{
      workspace_id: string;
      contact_id: number | string;
      changed_at: Date | string;
    }>(
      db,
      sql`update ${scoreDirty}
           set claim_id = ${claimId}::uuid, claimed_at = now(),
               claimed_by = ${options.workerId ?? null}::text
         where (workspace_id, contact_id) in (
           select workspace_id, contact_id from ${scoreDirty}
            where claim_id is null or claimed_at < now() - ${STALE_CLAIM}::interval
            order by changed_at limit ${limit}::int
            for update skip locked)
     returning workspace_id, contact_id, changed_at`,
    );
    if (claimed.length === 0) return { contacts: 0, maxLatencyMs: null, latenciesMs: [] };
    const at = options.now ?? new Date();

    const byWorkspace = new Map<string, number[]>();
    for (const row of claimed) {
      const ids = byWorkspace.get(row.workspace_id) ?? [];
      ids.push(Number(row.contact_id));
      byWorkspace.set(row.workspace_id, ids);
    }
    // Each workspace in its own transaction: one tenant's failure never rolls back another's scores.
    const retry = new Set<string>();
    for (const [workspaceId, contactIds] of byWorkspace) {
      const ok = await scoreWorkspace(db, workspaceId, contactIds, at);
      if (!ok) retry.add(workspaceId);
    }
    await releaseClaim(db, claimId, retry);
    const committedAt = Date.now();
    const latenciesMs = claimed.map((r) => committedAt - new Date(r.changed_at).getTime());
    return { contacts: claimed.length, maxLatencyMs: Math.max(...latenciesMs), latenciesMs };
  },
);

/**
 * Scores one workspace's claimed contacts. Healthy models share one statement; a model that fails
 * (or failed before) is scored on its own and, if it fails, recorded as failing (model-health.ts)
 * without stopping the others. Returns false when a transient database error means the whole
 * workspace should be retried (its claims are then kept and retaken later).
 */
async function scoreWorkspace(
  db: Db,
  workspaceId: string,
  contactIds: number[],
  at: Date,
): Promise<boolean> {
  try {
    const models = await loadPublishedModels(db, workspaceId, { enabledOnly: true });
    const healthy = models.filter((m) => m.scoringError === null);
    const suspect = models.filter((m) => m.scoringError !== null);
    try {
      if (healthy.length > 0) {
        await db.transaction((tx) => rescoreContacts(tx, workspaceId, contactIds, at, healthy));
      }
    } catch (error) {
      if (isTransientDbError(error)) throw error;
      // Find the culprit: every model alone.
      suspect.push(...healthy);
    }
    for (const model of suspect) {
      try {
        await db.transaction((tx) => rescoreContacts(tx, workspaceId, contactIds, at, [model]));
        if (model.scoringError !== null) await clearModelFailures(db, workspaceId, [model.id]);
      } catch (error) {
        if (isTransientDbError(error)) throw error;
        await recordModelFailure(db, workspaceId, model.id, error);
      }
    }
    return true;
  } catch (error) {
    log.warn("incremental scoring of a workspace failed; its contacts are retried", {
      workspaceId,
      contacts: contactIds.length,
      err: error,
    });
    return false;
  }
}

/**
 * Recomputes the given contacts' stored scores for every enabled, published model of a workspace
 * (or the given models), in the caller's transaction.
 */
export async function rescoreContacts(
  tx: Tx | Db,
  workspaceId: string,
  contactIds: number[],
  at: Date,
  only?: readonly PublishedModel[],
) {
  const models = only ?? (await loadPublishedModels(tx, workspaceId, { enabledOnly: true }));
  if (models.length === 0) return;
  contactIds = await lockLiveContacts(tx, workspaceId, contactIds);
  if (contactIds.length === 0) return;
  const registry = await loadRegistry(tx, workspaceId);
  // Every model reads the batch's activities from one materialized scan instead of one each.
  const types = activityTypesOf(models.map((m) => m.document));
  const batch = sql`with ${sql.identifier(BATCH_ACTIVITIES)} as materialized (
      select workspace_id, contact_id, type, occurred_at, properties from ${activities}
       where workspace_id = ${workspaceId}::uuid
         and contact_id = any(${`{${contactIds.join(",")}}`}::bigint[])
         and ${
           types.length
             ? sql`type in (${sql.join(
                 types.map((t) => sql`${t}::text`),
                 sql`, `,
               )})`
             : sql`false`
         })`;
  await upsertScores(
    tx,
    models.map((model) => ({
      workspaceId,
      modelId: model.id,
      version: model.version,
      at,
      query: compileScoreQuery(model.document, {
        workspaceId,
        at,
        registry,
        scaleReference: model.scaleReference,
        contactIds,
        names: { activities: BATCH_ACTIVITIES },
      }),
    })),
    { with: batch },
  );
}

/**
 * Makes this worker's claims from before a restart available at once, instead of after they go
 * stale: a process that starts again under the same worker id (host:port) cannot be scoring them.
 */
export async function releaseWorkerClaims(db: Db, workerId: string): Promise<number> {
  const released = await query<{ contact_id: number | string }>(
    db,
    sql`update ${scoreDirty} set claim_id = null, claimed_at = null, claimed_by = null
         where (workspace_id, contact_id) in (
           select workspace_id, contact_id from ${scoreDirty}
            where claimed_by = ${workerId}::text
            order by workspace_id, contact_id
            for update)
     returning contact_id`,
  );
  return released.length;
}

/**
 * Locks the contacts that still exist, in id order, KEY SHARE (what the scores' foreign key check
 * would take anyway): a merge deleting one of them waits for this batch, or this batch waits for
 * the merge and then skips the deleted contact, never writing a score for it (ADR 0008).
 */
async function lockLiveContacts(
  tx: Tx | Db,
  workspaceId: string,
  contactIds: readonly number[],
): Promise<number[]> {
  const rows = await query<{ id: number | string }>(
    tx,
    sql`select id from ${contacts}
         where workspace_id = ${workspaceId}::uuid
           and id = any(${`{${[...contactIds].sort((a, b) => a - b).join(",")}}`}::bigint[])
         order by id
         for key share`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Deletes the rows still carrying the claim. Rows are locked in (workspace, contact) order first,
 * the order `markContactsDirty` locks them in, so a release and an ingest cannot deadlock.
 */
async function releaseClaim(db: Db, claimId: string, keep: ReadonlySet<string>) {
  const kept = JSON.stringify([...keep]);
  await db.execute(sql`
    delete from ${scoreDirty}
     where (workspace_id, contact_id) in (
       select workspace_id, contact_id from ${scoreDirty}
        where claim_id = ${claimId}::uuid
          and workspace_id::text not in (select jsonb_array_elements_text(${kept}::jsonb))
        order by workspace_id, contact_id
        for update)
       and claim_id = ${claimId}::uuid`);
}
