/**
 * Identity resolution shared by every ingest path (ADR 0008). Two rules make a merge unable to race
 * the batches that write to the contact it deletes:
 * 1. Every transaction that reads, writes or merges an anonymous contact (`anon:<id>`) first takes a
 *    transaction-scoped advisory lock per anonymous externalId, all in one statement, in ascending
 *    key order (no deadlock between two batches). A batch storing activity for `anon:z` and an
 *    identify merging `anon:z` therefore run one after the other, never interleaved.
 * 2. A merge leaves an alias (`anon:z` → the known contact). Batches resolve aliased ids to the
 *    known contact before anything else, so activity arriving after the merge lands there instead
 *    of re-creating the anonymous contact.
 * Known contacts are never deleted by ingestion, so they need no identity lock: the activities'
 * foreign key check holds them for the length of the batch.
 */
import { sql } from "drizzle-orm";
import { query, type Db, type Executor, type Tx } from "../../../db";
import { contactAliases, contacts } from "../../../db/schema";
import { transactionWithRetry } from "../transaction";

export const ANONYMOUS_PREFIX = "anon:";

export function isAnonymousExternalId(externalId: string): boolean {
  return externalId.startsWith(ANONYMOUS_PREFIX);
}

/** Call first in the transaction, with every externalId the transaction will touch. */
export async function lockIdentities(
  tx: Executor,
  workspaceId: string,
  externalIds: Iterable<string>,
): Promise<void> {
  const anonymous = [...new Set([...externalIds].filter(isAnonymousExternalId))];
  if (anonymous.length === 0) return;
  // Postgres evaluates a volatile target-list function after the ORDER BY below it.
  await tx.execute(sql`
    select pg_advisory_xact_lock(k.key)
      from (select distinct hashtextextended(${workspaceId}::text || '/' || x, 0) as key
              from jsonb_array_elements_text(${JSON.stringify(anonymous)}::jsonb) x
             order by 1) k`);
}

/**
 * The externalId of the contact each aliased id was merged into (`anon:z` → `u1`). Only anonymous
 * ids are ever aliased; ids without an alias are absent from the map.
 */
export async function resolveAliases(
  tx: Executor,
  workspaceId: string,
  externalIds: Iterable<string>,
): Promise<Map<string, string>> {
  const anonymous = [...new Set([...externalIds].filter(isAnonymousExternalId))].sort();
  if (anonymous.length === 0) return new Map();
  const rows = await query<{ alias: string; external_id: string }>(
    tx,
    sql`select a.external_id as alias, c.external_id
          from ${contactAliases} a
          join ${contacts} c on c.workspace_id = a.workspace_id and c.id = a.contact_id
         where a.workspace_id = ${workspaceId}::uuid
           and a.external_id in (select jsonb_array_elements_text(${JSON.stringify(anonymous)}::jsonb))`,
  );
  return new Map(rows.map((r) => [r.alias, r.external_id]));
}

/**
 * The transaction every ingest write runs in: the identity locks first (rule 1), then `fn`; a lock
 * conflict re-runs it from the start, and a persisting one answers 503 (transaction.ts).
 */
export function ingestTransaction<T>(
  db: Db,
  workspaceId: string,
  externalIds: Iterable<string>,
  label: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const ids = [...externalIds];
  return transactionWithRetry(
    db,
    async (tx) => {
      await lockIdentities(tx, workspaceId, ids);
      return fn(tx);
    },
    { label },
  );
}
