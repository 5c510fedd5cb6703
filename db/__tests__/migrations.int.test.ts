import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../index";
import { createTestDatabase, testTarget, type TestDatabase } from "../testing";
import { scoreModels, scoreModelVersions, workspaces } from "../schema";

describe(`migrations (${testTarget()})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("runs on the target and creates every table", async () => {
    const rows = await query<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "activities",
        "activity_types",
        "contacts",
        "fields",
        "score_model_versions",
        "score_models",
        "score_runs",
        "scores",
        "workspaces",
      ]),
    );
    expect(database.kind).toBe(testTarget());
  });

  it("refuses to change a published version", async () => {
    const [ws] = await database.db.insert(workspaces).values({ slug: "w", name: "W" }).returning();
    if (!ws) throw new Error("no workspace");
    const doc = { format: "scorecraft.model/v1" } as never;
    const [model] = await database.db
      .insert(scoreModels)
      .values({ workspaceId: ws.id, key: "m", name: "M", emoji: "🔥", kind: "lead", draft: doc })
      .returning();
    if (!model) throw new Error("no model");
    await database.db
      .insert(scoreModelVersions)
      .values({ workspaceId: ws.id, modelId: model.id, version: 1, document: doc, publishedBy: "t" });
    await expect(
      database.db.update(scoreModelVersions).set({ note: "changed" }),
    ).rejects.toThrow();
  });
});
