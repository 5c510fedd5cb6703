import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../../db";
import { scores } from "../../../db/schema";

/**
 * Stores the rows of a compiled score query (contact_id, raw, score, stars, band) as one model
 * version's scores at `at`: one set-based upsert, used by full and incremental rescoring alike.
 */
export async function upsertScores(
  db: Executor,
  target: { workspaceId: string; modelId: string; version: number; at: Date },
  scoreQuery: SQL,
): Promise<void> {
  await db.execute(sql`
    insert into ${scores} (workspace_id, model_id, contact_id, version, raw, score, stars, band, as_of)
    select ${target.workspaceId}::uuid, ${target.modelId}::uuid, s.contact_id, ${target.version}::int,
           s.raw, s.score, s.stars, s.band, ${target.at.toISOString()}::timestamptz
      from (${scoreQuery}) s
    on conflict (workspace_id, model_id, contact_id) do update
       set version = excluded.version, raw = excluded.raw, score = excluded.score,
           stars = excluded.stars, band = excluded.band, as_of = excluded.as_of`);
}
