/**
 * Planner statistics. Many databases run without autovacuum's analyze (restored or fresh ones,
 * or autovacuum switched off, as on the test server here); a table that grew from empty to a
 * million rows without ANALYZE gets plans built for an empty table, and a full rescore chunk can
 * then run for many minutes. We analyze after bulk loads (seed, CSV imports) and, before a full
 * rescore or refresh, any scoring table whose changes since its last analyze are large.
 */
import { sql } from "drizzle-orm";
import { query, type Executor } from "../../db";
import { log } from "../log";

/** The tables scoring reads; fixed names, never user data. */
export const SCORING_TABLES = ["contacts", "activities", "scores", "score_dirty"] as const;
type ScoringTable = (typeof SCORING_TABLES)[number];

/**
 * ANALYZE the tables whose statistics are missing (never analyzed, not empty) or stale (more than
 * 1,000 rows and 10 % of the live rows changed since the last analyze, as far as the statistics
 * collector has been told: other sessions flush their counts with a delay). Returns the tables
 * analyzed.
 */
export async function analyzeStaleTables(
  db: Executor,
  tables: readonly ScoringTable[] = SCORING_TABLES,
): Promise<string[]> {
  const rows = await query<{ relname: string; stale: boolean }>(
    db,
    sql`select relname,
               ((last_analyze is null and last_autoanalyze is null
                 and pg_relation_size(relid) > 0)
                or (n_mod_since_analyze > 1000
                    and n_mod_since_analyze > 0.1 * greatest(n_live_tup, 1))) as stale
          from pg_stat_user_tables
         where schemaname = current_schema()
           and relname in (select jsonb_array_elements_text(${JSON.stringify(tables)}::jsonb))`,
  );
  const stale = rows.filter((r) => r.stale).map((r) => r.relname);
  for (const table of tables) {
    if (!stale.includes(table)) continue;
    const started = Date.now();
    await db.execute(sql`analyze ${sql.identifier(table)}`);
    log.info("analyzed a table whose statistics were stale", { table, ms: Date.now() - started });
  }
  return stale;
}
