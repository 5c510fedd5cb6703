import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../../db";
import { scores } from "../../../db/schema";

/** The rows of one compiled score query (contact_id, raw, score, stars, band) for one model version. */
export interface ScoreRowsSource {
  workspaceId: string;
  modelId: string;
  version: number;
  at: Date;
  query: SQL;
}

/**
 * Stores compiled score rows as models' scores at `at`: one set-based upsert for any number of
 * models (UNION ALL), optionally behind a WITH clause the queries read from. Used by full and
 * incremental rescoring alike.
 *
 * A stored score is never replaced by an older one: a full rescore evaluates every contact at the
 * instant it started, so a contact the incremental scorer updated meanwhile (a later `as_of`, same
 * version) keeps its fresher score. A newer version always wins.
 */
export async function upsertScores(
  db: Executor,
  sources: readonly ScoreRowsSource[],
  options: { with?: SQL } = {},
): Promise<void> {
  if (sources.length === 0) return;
  const selects = sources.map(
    (s) => sql`select ${s.workspaceId}::uuid, ${s.modelId}::uuid, r.contact_id, ${s.version}::int,
                      r.raw, r.score, r.stars, r.band, ${s.at.toISOString()}::timestamptz
                 from (${s.query}) r`,
  );
  await db.execute(sql`
    ${options.with ?? sql``}
    insert into ${scores} (workspace_id, model_id, contact_id, version, raw, score, stars, band, as_of)
    ${sql.join(selects, sql` union all `)}
    on conflict (workspace_id, model_id, contact_id) do update
       set version = excluded.version, raw = excluded.raw, score = excluded.score,
           stars = excluded.stars, band = excluded.band, as_of = excluded.as_of
     where excluded.version > ${scores}.version
        or (excluded.version = ${scores}.version and excluded.as_of >= ${scores}.as_of)`);
}
