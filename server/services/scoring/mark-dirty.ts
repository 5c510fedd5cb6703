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
  const unique = [...new Set(contactIds)];
  await db.execute(sql`
    insert into ${scoreDirty} (workspace_id, contact_id)
    select ${workspaceId}::uuid, id
      from unnest(${`{${unique.join(",")}}`}::bigint[]) as id
    on conflict (workspace_id, contact_id) do nothing`);
}
