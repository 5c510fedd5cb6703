import { sql } from "drizzle-orm";
import type { Executor } from "../../../db";
import { scoreDirty } from "../../../db/schema";

/**
 * Records that these contacts' scores must be recomputed. Call it inside the transaction that
 * changes their data, so a committed change is never missed and a rolled-back one never scored.
 * Repeated marks keep the earliest change time (the latency clock starts at the first change).
 * A contact that a scorer batch is working on is released from that batch: the batch may have read
 * its data before this change committed, so it must be scored again (ADR 0006).
 */
export async function markContactsDirty(
  db: Executor,
  workspaceId: string,
  contactIds: readonly number[],
) {
  if (contactIds.length === 0) return;
  // Sorted, so concurrent batches touching the same contacts lock rows in one order (no deadlock).
  const unique = [...new Set(contactIds)].sort((a, b) => a - b);
  await db.execute(sql`
    insert into ${scoreDirty} (workspace_id, contact_id)
    select ${workspaceId}::uuid, id
      from unnest(${`{${unique.join(",")}}`}::bigint[]) as id
     order by id
    on conflict (workspace_id, contact_id) do update
       set changed_at = case when ${scoreDirty.claimId} is null then ${scoreDirty.changedAt}
                             else excluded.changed_at end,
           claim_id = null,
           claimed_at = null`);
}
