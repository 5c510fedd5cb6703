import { sql } from "drizzle-orm";
import type { Executor } from "../../../db";
import { scoreDirty } from "../../../db/schema";

/**
 * Records that these contacts' scores must be recomputed. Call it inside the transaction that
 * changes their data, so a committed change is never missed and a rolled-back one never scored.
 * Repeated marks keep the earliest change time (the latency clock starts at the first change).
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
    on conflict (workspace_id, contact_id) do nothing`);
}
