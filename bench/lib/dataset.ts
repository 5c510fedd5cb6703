/**
 * The benchmark's data: a throwaway database (db/testing.ts) with one workspace holding the demo
 * data set, replicated N times in SQL for `--scale N`, and the demo models imported and published.
 */
import { and, eq, sql } from "drizzle-orm";
import type { ModelDocument } from "../../core/scoring/document";
import { query, type Database, type DatabaseKind } from "../../db";
import { scoreModels, workspaces } from "../../db/schema";
import { type DemoData } from "../../db/seed/demo-data";
import { insertDemoData } from "../../db/seed/insert";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { ServiceContext } from "../../server/context";
import { importScoreModel } from "../../server/services/score-model/import";
import { publishScoreModel } from "../../server/services/score-model/publish";

export interface PublishedModel {
  key: string;
  modelId: string;
  version: number;
  document: ModelDocument;
}

export interface Dataset {
  database: TestDatabase;
  workspaceId: string;
  contacts: number;
  activities: number;
  models: PublishedModel[];
  /** Setup durations (informational, not part of any ratio). */
  setupMs: { create: number; seed: number; replicate: number; publish: number };
}

/** Raw SQL on either client (PGlite returns `{ rows }`, postgres-js an array: `query` normalizes). */
async function exec(database: Database, statement: ReturnType<typeof sql>) {
  await database.db.execute(statement);
}

export async function openDataset(
  kind: DatabaseKind,
  options: {
    now: Date;
    scale: number;
    data: DemoData;
    models: readonly ModelDocument[];
    log: (line: string) => void;
  },
): Promise<Dataset> {
  const t0 = performance.now();
  const database = await createTestDatabase(kind);
  try {
    const t1 = performance.now();
    const db = database.db;
    const [workspace] = await db
      .insert(workspaces)
      .values({ slug: "bench", name: "Benchmark" })
      .returning({ id: workspaces.id });
    if (!workspace) throw new Error("workspace insert returned no row");
    const workspaceId = workspace.id;
    await insertDemoData(database, { workspaceId, now: options.now, data: options.data });
    const t2 = performance.now();
    if (options.scale > 1) {
      options.log(`replicating the demo data ×${options.scale} in SQL`);
      await replicate(database, workspaceId, options.scale);
    }
    const t3 = performance.now();

    const ctx: ServiceContext = {
      db,
      workspaceId,
      actor: { id: "bench", name: "Benchmark", role: "admin" },
      queue: { enqueueRescore: async () => {} },
    };
    const models: PublishedModel[] = [];
    for (const document of options.models) {
      await importScoreModel({ ctx, input: { document } });
      const { version } = await publishScoreModel({
        ctx,
        input: { key: document.key, note: "benchmark" },
      });
      const [row] = await db
        .select({ id: scoreModels.id })
        .from(scoreModels)
        .where(and(eq(scoreModels.workspaceId, workspaceId), eq(scoreModels.key, document.key)));
      if (!row) throw new Error(`model ${document.key} missing after import`);
      models.push({ key: document.key, modelId: row.id, version, document });
    }
    const t4 = performance.now();

    const [counts] = await query<{ contacts: number; activities: number }>(
      db,
      sql`select (select count(*)::int from contacts where workspace_id = ${workspaceId}::uuid) as contacts,
                 (select count(*)::int from activities where workspace_id = ${workspaceId}::uuid) as activities`,
    );
    return {
      database,
      workspaceId,
      contacts: Number(counts?.contacts ?? 0),
      activities: Number(counts?.activities ?? 0),
      models,
      setupMs: {
        create: t1 - t0,
        seed: t2 - t1,
        replicate: t3 - t2,
        publish: t4 - t3,
      },
    };
  } catch (error) {
    await database.destroy().catch(() => {});
    throw error;
  }
}

/**
 * Adds `scale − 1` copies of the workspace's contacts and activities, set-based: copy g of a
 * contact gets external id `<id>~r<g>`, of an activity event id `<id>~r<g>`; every other value is
 * kept (so each copy scores exactly like its original).
 */
async function replicate(database: Database, workspaceId: string, scale: number) {
  const copies = scale - 1;
  await exec(
    database,
    sql`insert into contacts (workspace_id, external_id, email, created_at, updated_at, fields)
        select c.workspace_id, c.external_id || '~r' || g.n, replace(c.email, '@', '+r' || g.n || '@'),
               c.created_at, c.updated_at, c.fields
          from contacts c cross join generate_series(1, ${copies}::int) as g(n)
         where c.workspace_id = ${workspaceId}::uuid`,
  );
  // One statement per few copies keeps each transaction (and PGlite's memory) bounded.
  const step = 3;
  for (let from = 1; from <= copies; from += step) {
    const to = Math.min(copies, from + step - 1);
    await exec(
      database,
      sql`insert into activities (workspace_id, event_id, contact_id, type, occurred_at, properties, received_at)
          select a.workspace_id, a.event_id || '~r' || g.n, c2.id, a.type, a.occurred_at, a.properties,
                 a.received_at
            from activities a
            join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
            cross join generate_series(${from}::int, ${to}::int) as g(n)
            join contacts c2 on c2.workspace_id = a.workspace_id
                            and c2.external_id = c.external_id || '~r' || g.n
           where a.workspace_id = ${workspaceId}::uuid
             and strpos(a.event_id, '~r') = 0`,
    );
  }
  await exec(database, sql`analyze contacts, activities`);
}
