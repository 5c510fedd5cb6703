/**
 * One tenant's failing model never stalls anyone's scoring: a published version whose points
 * overflow float8 (stored before the document bounds existed) fails only itself. The other
 * workspace's contacts and the same workspace's other models keep being scored by the incremental
 * scorer and the scheduled refresh, the failing model shows why on its page, and the claimed
 * contacts are released.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../../db";
import { scoreDirty, scoreModels, scoreModelVersions, scores } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { explainContactScore } from "../services/contact/explain-score";
import { recordEvents } from "../services/ingest/events";
import { getScoreModel } from "../services/score-model/get";
import { importScoreModel } from "../services/score-model/import";
import { listScoreModels } from "../services/score-model/list";
import { publishScoreModel } from "../services/score-model/publish";
import { refreshAllModels } from "../services/scoring/refresh-all";
import { rescoreDirty } from "../services/scoring/rescore-dirty";
import { context, createWorkspace, DAY, leadDocument, NOW } from "./fixtures";

describe(`scoring isolation (${testTarget()})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("keeps scoring other workspaces and models while one model fails", async () => {
    const a = await createWorkspace(database, "tenant-a");
    const b = await createWorkspace(database, "tenant-b");
    const ctxA = context(database, a.id);
    const ctxB = context(database, b.id);
    for (const ctx of [ctxA, ctxB]) {
      await importScoreModel({ ctx, input: { document: leadDocument() } });
      await publishScoreModel({ ctx, input: { key: "lead" } });
    }
    await importScoreModel({
      ctx: ctxA,
      input: { document: leadDocument({ key: "bad", name: "Bad" }) },
    });
    await publishScoreModel({ ctx: ctxA, input: { key: "bad" } });
    // Version 2 of "bad": two 1e308 page views overflow float8 in SQL.
    const [bad] = await database.db
      .select()
      .from(scoreModels)
      .where(and(eq(scoreModels.workspaceId, a.id), eq(scoreModels.key, "bad")));
    if (!bad) throw new Error("no model");
    const overflowing = leadDocument({ key: "bad", name: "Bad" });
    overflowing.criteria = overflowing.criteria.map((c) =>
      c.kind === "activity" ? { ...c, points: 1e308, maxPoints: undefined, where: null } : c,
    );
    await database.db.insert(scoreModelVersions).values({
      workspaceId: a.id,
      modelId: bad.id,
      version: 2,
      document: JSON.parse(JSON.stringify(overflowing)),
      publishedBy: "test",
    });
    await database.db
      .update(scoreModels)
      .set({ latestVersion: 2 })
      .where(and(eq(scoreModels.workspaceId, a.id), eq(scoreModels.id, bad.id)));

    const views = (prefix: string) =>
      [1, 2].map((k) => ({
        eventId: `${prefix}-${k}`,
        contactId: `${prefix}-contact`,
        type: "page_viewed",
        occurredAt: new Date(NOW.getTime() - k * DAY).toISOString(),
        properties: { url: "/pricing" },
      }));
    await recordEvents({ ctx: ctxA, input: { items: views("a") } });
    await recordEvents({ ctx: ctxB, input: { items: views("b") } });

    const result = await rescoreDirty({ ctx: { db: database.db }, input: { now: NOW } });
    expect(result.contacts).toBe(2);
    const stored = await query<{ workspace_id: string; key: string; raw: number }>(
      database.db,
      sql`select s.workspace_id, m.key, s.raw from ${scores} s
            join ${scoreModels} m on m.workspace_id = s.workspace_id and m.id = s.model_id`,
    );
    const keys = stored.map((r) => `${r.workspace_id === a.id ? "a" : "b"}:${r.key}`).sort();
    // Tenant B is scored, and so is tenant A's healthy model; the failing model stores nothing.
    expect(keys).toEqual(["a:lead", "b:lead"]);
    // Every claim was released: nothing waits for a retry that would fail again.
    expect(await database.db.select().from(scoreDirty)).toEqual([]);

    const page = await getScoreModel({ ctx: ctxA, input: { key: "bad" } });
    expect(page.scoringError).toMatch(/out of range/);
    const list = await listScoreModels({ ctx: ctxA });
    expect(list.find((m) => m.key === "bad")?.scoringError).toMatch(/out of range/);
    expect(list.find((m) => m.key === "lead")?.scoringError).toBeNull();

    // The scheduled refresh goes on for everyone else too, and reports the one failure.
    const refresh = await refreshAllModels({
      ctx: { db: database.db },
      input: { now: new Date(NOW.getTime() + DAY) },
    });
    expect(refresh).toEqual({ models: 3, failed: 1 });
    const refreshed = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${scores} where as_of = ${new Date(NOW.getTime() + DAY).toISOString()}::timestamptz`,
    );
    expect(refreshed[0]?.n).toBe(2);

    // Later batches of the failing workspace still score its healthy model.
    await recordEvents({ ctx: ctxA, input: { items: views("a2") } });
    await rescoreDirty({ ctx: { db: database.db }, input: { now: NOW } });
    const again = await query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${scores} where workspace_id = ${a.id}::uuid`,
    );
    expect(again[0]?.n).toBe(2);

    // A single-contact read refuses the overflowing model clearly instead of answering null.
    await expect(
      explainContactScore({
        ctx: ctxA,
        input: { externalId: "a-contact", modelKey: "bad", at: NOW },
      }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/"bad"/) });
  });
});
