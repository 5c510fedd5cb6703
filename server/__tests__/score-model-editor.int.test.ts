import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { evaluate } from "../../core/scoring/evaluate";
import type { ModelDocument } from "../../core/scoring/document";
import { activities, contacts, scoreModels } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { ServiceError } from "../errors";
import { loadRegistry } from "../services/registry/load-registry";
import { diffScoreModel } from "../services/score-model/diff";
import { getScoreModel } from "../services/score-model/get";
import { importScoreModel } from "../services/score-model/import";
import { marginOfError, previewScoreModel } from "../services/score-model/preview";
import { publishScoreModel } from "../services/score-model/publish";
import { rollbackScoreModel } from "../services/score-model/rollback";
import { updateScoreModelDraft } from "../services/score-model/update-draft";
import { rescoreModel } from "../services/scoring/rescore-model";
import { addContacts, context, createWorkspace, leadDocument, NOW } from "./fixtures";

describe(`score-model editor services (${testTarget()})`, () => {
  let database: TestDatabase;
  let ws: { id: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    ws = await createWorkspace(database, "acme");
    await addContacts(database, ws.id, 40);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  beforeEach(async () => {
    await database.db.delete(scoreModels);
  });

  /** Histogram, band sizes and band moves computed contact by contact with the evaluator. */
  async function expected(draft: ModelDocument, published: ModelDocument | null, at: Date) {
    const registry = await loadRegistry(database.db, ws.id);
    const people = await database.db.select().from(contacts).where(eq(contacts.workspaceId, ws.id));
    const events = await database.db
      .select()
      .from(activities)
      .where(eq(activities.workspaceId, ws.id));
    const histogram = Array.from({ length: 20 }, () => 0);
    const bands = draft.bands.map(() => 0);
    const moves = { up: 0, down: 0, same: 0, unscored: 0 };
    for (const contact of people) {
      const own = events.filter((e) => e.contactId === contact.id);
      const e = evaluate(draft, contact, own, { at, registry });
      histogram[Math.min(19, Math.floor(e.score / 5))]! += 1;
      const rank = draft.bands.findIndex((b) => b.label === e.band);
      bands[rank]! += 1;
      if (published) {
        const p = evaluate(published, contact, own, { at: NOW, registry });
        const old = published.bands.findIndex((b) => b.label === p.band);
        if (rank > old) moves.up += 1;
        else if (rank < old) moves.down += 1;
        else moves.same += 1;
      }
    }
    return { histogram, bands, moves };
  }

  it("previews a draft: histogram, bands and moves agree with the evaluator", async () => {
    const ctx = context(database, ws.id, "editor");
    await importScoreModel({ ctx, input: { document: leadDocument() } });

    // Nothing published yet: no moves.
    const first = await previewScoreModel({
      ctx: context(database, ws.id, "viewer"),
      input: { key: "lead", document: leadDocument() },
    });
    if (!first.ok) throw new Error(JSON.stringify(first.issues));
    expect(first.moves).toBeNull();
    expect(first.scored).toBe(40);
    expect(first.population).toBe(40);
    expect(first.sample).toBeNull();
    const base = await expected(leadDocument(), null, first.at);
    expect(first.histogram).toEqual(base.histogram);
    expect(first.bands.map((b) => b.count)).toEqual(base.bands);

    // Publish and score at NOW, then preview a draft with more points per pricing view.
    await publishScoreModel({ ctx, input: { key: "lead" } });
    const run = await getScoreModel({ ctx, input: { key: "lead" } });
    expect(run.run?.status).toBe("queued");
    const job = (ctx.queue as unknown as { jobs: { workspaceId: string; runId: string }[] })
      .jobs[0]!;
    await rescoreModel({ ctx: { db: database.db }, input: { ...job, now: NOW } });

    const draft = leadDocument();
    draft.criteria[0] = { ...draft.criteria[0]!, points: 60 } as never;
    const preview = await previewScoreModel({ ctx, input: { key: "lead", document: draft } });
    if (!preview.ok) throw new Error(JSON.stringify(preview.issues));
    const want = await expected(draft, leadDocument(), preview.at);
    expect(preview.histogram).toEqual(want.histogram);
    expect(preview.bands.map((b) => b.count)).toEqual(want.bands);
    expect(preview.moves).toMatchObject({ version: 1, ...want.moves });
    expect(preview.moves!.up).toBeGreaterThan(0);
    expect(preview.histogram.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it("returns issues for an invalid draft instead of throwing", async () => {
    const ctx = context(database, ws.id, "viewer");
    await importScoreModel({
      ctx: context(database, ws.id, "editor"),
      input: { document: leadDocument() },
    });
    const doc = leadDocument();
    doc.criteria[1] = {
      ...doc.criteria[1]!,
      where: { kind: "rule", field: "property.nope", operator: "eq", value: "x" },
    } as never;
    const result = await previewScoreModel({ ctx, input: { key: "lead", document: doc } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({
      path: "criteria[1].where.field",
      code: "unknown_property",
    });
  });

  it("samples large workspaces deterministically and states the margin", async () => {
    const ctx = context(database, ws.id, "viewer");
    await importScoreModel({
      ctx: context(database, ws.id, "editor"),
      input: { document: leadDocument() },
    });
    const sampling = { fullLimit: 20, sampleSize: 15 };
    const a = await previewScoreModel({
      ctx,
      input: { key: "lead", document: leadDocument(), sampling },
    });
    const b = await previewScoreModel({
      ctx,
      input: { key: "lead", document: leadDocument(), sampling },
    });
    if (!a.ok || !b.ok) throw new Error("invalid");
    expect(a.scored).toBe(15);
    expect(a.population).toBe(40);
    expect(a.sample).toEqual({ size: 15, marginPct: marginOfError(15, 40) });
    expect(a.histogram).toEqual(b.histogram);
    // 10,000 of 1,000,000: about ±1 point.
    expect(marginOfError(10_000, 1_000_000)).toBeCloseTo(1, 1);
  });

  it("percentile scale previews with a reference computed first", async () => {
    const ctx = context(database, ws.id, "editor");
    const doc = leadDocument({ scale: { kind: "percentile", percentile: 90 } });
    await importScoreModel({ ctx, input: { document: doc } });
    const result = await previewScoreModel({ ctx, input: { key: "lead", document: doc } });
    if (!result.ok) throw new Error("invalid");
    expect(result.scaleReference).toBeGreaterThan(0);
    expect(result.histogram[19]).toBeGreaterThan(0);
    expect(result.histogram.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it("stores the layout with the draft and returns it", async () => {
    const ctx = context(database, ws.id, "editor");
    const { draftRevision } = await importScoreModel({ ctx, input: { document: leadDocument() } });
    const layout = { version: 1, positions: { "c:c1": { x: 10, y: 20 } }, detached: [] };
    const saved = await updateScoreModelDraft({
      ctx,
      input: { key: "lead", document: leadDocument(), expectedRevision: draftRevision, layout },
    });
    expect((await getScoreModel({ ctx, input: { key: "lead" } })).layout).toEqual(layout);
    // Absent layout keeps the stored one; a stale revision is a conflict.
    await updateScoreModelDraft({
      ctx,
      input: { key: "lead", document: leadDocument(), expectedRevision: saved.draftRevision },
    });
    expect((await getScoreModel({ ctx, input: { key: "lead" } })).layout).toEqual(layout);
    const error = await updateScoreModelDraft({
      ctx,
      input: {
        key: "lead",
        document: leadDocument(),
        expectedRevision: saved.draftRevision,
        layout,
      },
    }).catch((e: unknown) => e);
    expect((error as ServiceError).code).toBe("CONFLICT");
  });

  it("diffs versions and rolls back by publishing an old version again", async () => {
    const ctx = context(database, ws.id, "editor");
    const { draftRevision } = await importScoreModel({ ctx, input: { document: leadDocument() } });
    await publishScoreModel({ ctx, input: { key: "lead", note: "first" } });
    const v2 = leadDocument({ halfLifeDays: 14 });
    v2.criteria = v2.criteria.slice(1);
    await updateScoreModelDraft({
      ctx,
      input: { key: "lead", document: v2, expectedRevision: draftRevision },
    });
    await publishScoreModel({ ctx, input: { key: "lead", note: "second" } });

    const diff = await diffScoreModel({ ctx, input: { key: "lead", from: 1, to: 2 } });
    expect(diff.settings).toEqual([{ field: "Half-life", from: "30 days", to: "14 days" }]);
    expect(diff.removed.map((c) => c.id)).toEqual(["c1"]);
    expect((await diffScoreModel({ ctx, input: { key: "lead", from: 2, to: "draft" } })).same).toBe(
      true,
    );

    const viewer = context(database, ws.id, "viewer");
    const denied = await rollbackScoreModel({
      ctx: viewer,
      input: { key: "lead", version: 1 },
    }).catch((e: unknown) => e);
    expect((denied as ServiceError).code).toBe("FORBIDDEN");

    const rolled = await rollbackScoreModel({ ctx, input: { key: "lead", version: 1 } });
    expect(rolled.version).toBe(3);
    const model = await getScoreModel({ ctx, input: { key: "lead" } });
    expect(model.versions[0]).toMatchObject({ version: 3, note: "Rolled back to v1" });
    expect(model.published?.document).toEqual(leadDocument());
    expect(model.draft).toEqual(leadDocument());
    expect(model.hasDraftChanges).toBe(false);
    const missing = await rollbackScoreModel({ ctx, input: { key: "lead", version: 9 } }).catch(
      (e: unknown) => e,
    );
    expect((missing as ServiceError).code).toBe("NOT_FOUND");
  });
});
