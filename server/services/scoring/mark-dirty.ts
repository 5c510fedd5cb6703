import { sql } from "drizzle-orm";
import type { Executor } from "../../../db";
import { scoreDirty } from "../../../db/schema";

const idArray = (ids: readonly number[]) => `{${ids.join(",")}}`;

/**
 * Records that these contacts' scores must be recomputed. Call it inside the transaction that
 * changes their data, so a committed change is never missed and a rolled-back one never scored.
 * Repeated marks keep the earliest change time (the latency clock starts at the first change).
 * A contact that a scorer batch is working on is released from that batch: the batch may have read
 * its data before this change committed, so it must be scored again (ADR 0006).
 *
 * `forget` removes the queue entries of contacts about to be deleted (a merge). Every queue row the
 * call touches is locked in one statement in contact order first, the order the scorer's release
 * locks them in, so neither can deadlock the other (ADR 0008).
 */
export async function markContactsDirty(
  db: Executor,
  workspaceId: string,
  contactIds: readonly number[],
  options: { forget?: readonly number[] } = {},
) {
  const forget = [...new Set(options.forget ?? [])].sort((a, b) => a - b);
  const forgotten = new Set(forget);
  // Sorted, so concurrent batches touching the same contacts lock rows in one order (no deadlock).
  const unique = [...new Set(contactIds)].filter((id) => !forgotten.has(id)).sort((a, b) => a - b);
  if (forget.length > 0) {
    const all = [...new Set([...unique, ...forget])].sort((a, b) => a - b);
    await db.execute(sql`
      delete from ${scoreDirty}
       where (workspace_id, contact_id) in (
         select workspace_id, contact_id from ${scoreDirty}
          where workspace_id = ${workspaceId}::uuid and contact_id = any(${idArray(all)}::bigint[])
          order by contact_id
          for update)
         and contact_id = any(${idArray(forget)}::bigint[])`);
  }
  if (unique.length === 0) return;
  await db.execute(sql`
    insert into ${scoreDirty} (workspace_id, contact_id)
    select ${workspaceId}::uuid, id
      from unnest(${idArray(unique)}::bigint[]) as id
     order by id
    on conflict (workspace_id, contact_id) do update
       set changed_at = case when ${scoreDirty.claimId} is null then ${scoreDirty.changedAt}
                             else excluded.changed_at end,
           claim_id = null,
           claimed_at = null`);
}
