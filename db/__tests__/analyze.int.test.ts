/** Bulk-loaded tables get planner statistics even where autovacuum never analyzes them. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStaleTables } from "../../server/services/db-maintenance";
import { addContacts, createWorkspace } from "../../server/__tests__/fixtures";
import { query } from "../index";
import { createTestDatabase, testTarget, type TestDatabase } from "../testing";

describe(`analyzeStaleTables (${testTarget()})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const analyzed = async (table: string) => {
    const [row] = await query<{ at: string | null }>(
      database.db,
      sql`select coalesce(last_analyze, last_autoanalyze) as at from pg_stat_user_tables
           where schemaname = current_schema() and relname = ${table}`,
    );
    return row?.at ?? null;
  };

  it("analyzes never-analyzed tables with rows, skips empty ones, and is idle once fresh", async () => {
    expect(await analyzeStaleTables(database.db)).toEqual([]);
    const ws = await createWorkspace(database, "analyze");
    await addContacts(database, ws.id, 60);
    expect(await analyzed("activities")).toBeNull();
    const first = await analyzeStaleTables(database.db);
    expect(first).toEqual(expect.arrayContaining(["contacts", "activities"]));
    expect(first).not.toContain("scores");
    expect(await analyzed("activities")).not.toBeNull();
    expect(await analyzeStaleTables(database.db)).toEqual([]);
  });
});
