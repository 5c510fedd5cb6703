import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { evaluate } from "../../core/scoring/evaluate";
import {
  activities,
  contacts,
  scoreModels,
  scoreModelVersions,
  scoreRuns,
  scores,
} from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { ServiceError } from "../errors";
import { loadRegistry } from "../services/registry/load-registry";
import { createScoreModel } from "../services/score-model/create";
import { deleteScoreModel } from "../services/score-model/delete";
import { exportScoreModel } from "../services/score-model/export";
import { getScoreModel } from "../services/score-model/get";
import { importScoreModel } from "../services/score-model/import";
import { listScoreModels } from "../services/score-model/list";
import { publishScoreModel } from "../services/score-model/publish";
import { setScoreModelEnabled } from "../services/score-model/set-enabled";
import { updateScoreModelDraft } from "../services/score-model/update-draft";
import { validateScoreModel } from "../services/score-model/validate";
import { rescoreModel } from "../services/scoring/rescore-model";
import {
  addContacts,
  context,
  createWorkspace,
  leadDocument,
  NOW,
  recordingQueue,
} from "./fixtures";

async function expectServiceError(promise: Promise<unknown>, code: ServiceError["code"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).code).toBe(code);
  return error as ServiceError;
}

describe(`score-model services (${testTarget()})`, () => {
  let database: TestDatabase;
  let ws: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    ws = await createWorkspace(database, "acme");
    other = await createWorkspace(database, "other");
    await addContacts(database, ws.id, 40);
    await addContacts(database, other.id, 3);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  beforeEach(async () => {
    await database.db.delete(scoreModels);
  });

  it("creates a model with an empty draft, listed without a version", async () => {
    const ctx = context(database, ws.id, "editor");
    await createScoreModel({
      ctx,
      input: { key: "lead", name: "Lead", emoji: "🎯", kind: "lead" },
    });
    const list = await listScoreModels({ ctx });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      key: "lead",
      latestVersion: null,
      hasDraftChanges: true,
      contactsScored: 0,
    });
    const error = await expectServiceError(
      createScoreModel({ ctx, input: { key: "lead", name: "Again", emoji: "🎯", kind: "lead" } }),
      "CONFLICT",
    );
    expect(error.details).toMatchObject({ issues: [{ path: "key" }] });
  });

  it("refuses a stale draft revision instead of overwriting", async () => {
    const ctx = context(database, ws.id, "editor");
    await importScoreModel({ ctx, input: { document: leadDocument() } });
    const model = await getScoreModel({ ctx, input: { key: "lead" } });
    const first = await updateScoreModelDraft({
      ctx,
      input: {
        key: "lead",
        document: { ...leadDocument(), name: "Tab A" },
        expectedRevision: model.draftRevision,
      },
    });
    expect(first.draftRevision).toBe(model.draftRevision + 1);
    await expectServiceError(
      updateScoreModelDraft({
        ctx,
        input: {
          key: "lead",
          document: { ...leadDocument(), name: "Tab B" },
          expectedRevision: model.draftRevision,
        },
      }),
      "CONFLICT",
    );
    const after = await getScoreModel({ ctx, input: { key: "lead" } });
    expect(after.draft.name).toBe("Tab A");
    expect(after.name).toBe("Tab A");
  });

  it("rejects a malformed draft with paths and keeps the old one", async () => {
    const ctx = context(database, ws.id, "editor");
    await importScoreModel({ ctx, input: { document: leadDocument() } });
    const model = await getScoreModel({ ctx, input: { key: "lead" } });
    const broken = { ...leadDocument(), halfLifeDays: -1, criteria: [{ id: "x", kind: "nope" }] };
    const error = await expectServiceError(
      updateScoreModelDraft({
        ctx,
        input: { key: "lead", document: broken, expectedRevision: model.draftRevision },
      }),
      "UNPROCESSABLE",
    );
    const paths = (error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["halfLifeDays", "criteria[0].kind"]));
    expect((await getScoreModel({ ctx, input: { key: "lead" } })).draftRevision).toBe(
      model.draftRevision,
    );
  });

  it("refuses to publish an invalid draft, listing every issue and writing nothing", async () => {
    const ctx = context(database, ws.id, "editor");
    await importScoreModel({ ctx, input: { document: leadDocument() } });
    const model = await getScoreModel({ ctx, input: { key: "lead" } });
    const bad = leadDocument({
      criteria: [
        {
          id: "c1",
          kind: "filter",
          label: "x",
          points: 1,
          where: { kind: "rule", field: "contact.nope", operator: "eq", value: "a" },
        },
        { id: "c2", kind: "activity", label: "y", points: 1, activity: "never_seen", where: null },
      ],
    });
    await updateScoreModelDraft({
      ctx,
      input: { key: "lead", document: bad, expectedRevision: model.draftRevision },
    });
    const { issues } = await validateScoreModel({ ctx, input: { document: bad } });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["criteria[0].where.field", "criteria[1].activity"]),
    );
    const error = await expectServiceError(
      publishScoreModel({ ctx, input: { key: "lead" } }),
      "UNPROCESSABLE",
    );
    expect((error.details as { issues: unknown[] }).issues).toHaveLength(issues.length);
    const versions = await database.db
      .select()
      .from(scoreModelVersions)
      .where(eq(scoreModelVersions.workspaceId, ws.id));
    expect(versions).toHaveLength(0);
    expect(
      await database.db.select().from(scoreRuns).where(eq(scoreRuns.workspaceId, ws.id)),
    ).toHaveLength(0);
  });

  it("publishes immutable numbered versions and rescores every contact exactly like the evaluator", async () => {
    const queue = recordingQueue();
    const ctx = context(database, ws.id, "editor", queue);
    await importScoreModel({ ctx, input: { document: leadDocument() } });
    const published = await publishScoreModel({ ctx, input: { key: "lead", note: "first" } });
    expect(published.version).toBe(1);
    expect(queue.jobs).toEqual([{ workspaceId: ws.id, runId: published.runId }]);

    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId: published.runId!, now: NOW, chunkSize: 7 },
    });
    const [run] = await database.db
      .select()
      .from(scoreRuns)
      .where(eq(scoreRuns.id, published.runId!));
    expect(run).toMatchObject({ status: "succeeded", processed: 40, total: 40, version: 1 });

    const registry = await loadRegistry(database.db, ws.id);
    const stored = await database.db.select().from(scores).where(eq(scores.workspaceId, ws.id));
    expect(stored).toHaveLength(40);
    const people = await database.db.select().from(contacts).where(eq(contacts.workspaceId, ws.id));
    const events = await database.db
      .select()
      .from(activities)
      .where(eq(activities.workspaceId, ws.id));
    for (const contact of people) {
      const expected = evaluate(
        leadDocument(),
        contact,
        events.filter((e) => e.contactId === contact.id),
        { at: NOW, registry },
      );
      const row = stored.find((s) => s.contactId === contact.id);
      expect(row, `score of ${contact.externalId}`).toBeDefined();
      expect(row!.raw).toBeCloseTo(expected.raw, 9);
      expect(row!.score).toBeCloseTo(expected.score, 9);
      expect(row!.band).toBe(expected.band);
      expect(row!.asOf.getTime()).toBe(NOW.getTime());
    }
    // Not everyone lands in one band: the fixture is meant to spread.
    expect(new Set(stored.map((s) => s.band)).size).toBeGreaterThan(1);

    const second = await publishScoreModel({ ctx, input: { key: "lead", note: "again" } });
    expect(second.version).toBe(2);
    const model = await getScoreModel({ ctx, input: { key: "lead" } });
    expect(model.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(model.versions[1]).toMatchObject({ note: "first", publishedBy: "Test editor" });
    expect(model.stats.contactsScored).toBe(40);
    expect(model.stats.bands.reduce((s, b) => s + b.count, 0)).toBe(40);

    // A run overtaken by a newer publish stops without writing.
    const third = await publishScoreModel({ ctx, input: { key: "lead" } });
    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId: second.runId!, now: NOW },
    });
    const [overtaken] = await database.db
      .select()
      .from(scoreRuns)
      .where(eq(scoreRuns.id, second.runId!));
    expect(overtaken!.status).toBe("cancelled");
    const [latest] = await database.db
      .select()
      .from(scoreRuns)
      .where(eq(scoreRuns.id, third.runId!));
    expect(latest!.status).toBe("queued");
    const versionsNow = await database.db
      .select()
      .from(scores)
      .where(eq(scores.workspaceId, ws.id));
    expect(new Set(versionsNow.map((s) => s.version))).toEqual(new Set([1]));
  });

  it("stores the percentile reference with the run and the model and scores against it", async () => {
    const ctx = context(database, ws.id, "editor");
    const document = leadDocument({ scale: { kind: "percentile", percentile: 90 } });
    await importScoreModel({ ctx, input: { document } });
    const { runId } = await publishScoreModel({ ctx, input: { key: "lead" } });
    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId: runId!, now: NOW },
    });
    const [run] = await database.db.select().from(scoreRuns).where(eq(scoreRuns.id, runId!));
    const [model] = await database.db.select().from(scoreModels).where(eq(scoreModels.key, "lead"));
    expect(run!.scaleReference).not.toBeNull();
    expect(model!.scaleReference).toBe(run!.scaleReference);

    const stored = await database.db.select().from(scores).where(eq(scores.workspaceId, ws.id));
    const positives = stored
      .map((s) => s.raw)
      .filter((r) => r > 0)
      .sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil(0.9 * positives.length));
    expect(run!.scaleReference).toBeCloseTo(positives[rank - 1]!, 9);
    const top = stored.reduce((a, b) => (a.raw > b.raw ? a : b));
    expect(top.score).toBe(100);
  });

  it("lets only admins switch a model; off keeps scores, on rescores", async () => {
    const queue = recordingQueue();
    const editor = context(database, ws.id, "editor", queue);
    const admin = context(database, ws.id, "admin", queue);
    await importScoreModel({ ctx: editor, input: { document: leadDocument() } });
    const { runId } = await publishScoreModel({ ctx: editor, input: { key: "lead" } });
    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId: runId!, now: NOW },
    });

    await expectServiceError(
      setScoreModelEnabled({ ctx: editor, input: { key: "lead", enabled: false } }),
      "FORBIDDEN",
    );
    await expectServiceError(
      setScoreModelEnabled({
        ctx: context(database, ws.id, "viewer"),
        input: { key: "lead", enabled: false },
      }),
      "FORBIDDEN",
    );
    const off = await setScoreModelEnabled({ ctx: admin, input: { key: "lead", enabled: false } });
    expect(off).toEqual({ enabled: false, runId: null });
    const list = await listScoreModels({ ctx: admin });
    expect(list[0]).toMatchObject({ enabled: false, contactsScored: 40 });

    // A publish while off records the version but scores nothing.
    const whileOff = await publishScoreModel({ ctx: editor, input: { key: "lead" } });
    expect(whileOff.runId).toBeNull();

    const on = await setScoreModelEnabled({ ctx: admin, input: { key: "lead", enabled: true } });
    expect(on.runId).toEqual(expect.any(String));
    expect(queue.jobs.at(-1)).toEqual({ workspaceId: ws.id, runId: on.runId });
    const [run] = await database.db.select().from(scoreRuns).where(eq(scoreRuns.id, on.runId!));
    expect(run).toMatchObject({ status: "queued", version: 2 });
  });

  it("deletes only with the typed confirmation, and only for admins", async () => {
    const ctx = context(database, ws.id, "admin");
    await importScoreModel({ ctx, input: { document: leadDocument() } });
    const { runId } = await publishScoreModel({ ctx, input: { key: "lead" } });
    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId: runId!, now: NOW },
    });
    await expectServiceError(
      deleteScoreModel({
        ctx: context(database, ws.id, "editor"),
        input: { key: "lead", confirmKey: "lead" },
      }),
      "FORBIDDEN",
    );
    await expectServiceError(
      deleteScoreModel({ ctx, input: { key: "lead", confirmKey: "led" } }),
      "BAD_REQUEST",
    );
    expect(await listScoreModels({ ctx })).toHaveLength(1);
    await deleteScoreModel({ ctx, input: { key: "lead", confirmKey: "lead" } });
    expect(await listScoreModels({ ctx })).toHaveLength(0);
    expect(
      await database.db.select().from(scores).where(eq(scores.workspaceId, ws.id)),
    ).toHaveLength(0);
  });

  it("imports valid documents (create, then replace the draft) and exports them unchanged", async () => {
    const ctx = context(database, ws.id, "editor");
    const bad = { ...leadDocument(), halfLifeDays: -3, extra: true };
    const error = await expectServiceError(
      importScoreModel({ ctx, input: { document: bad } }),
      "UNPROCESSABLE",
    );
    expect((error.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["halfLifeDays", "extra"]),
    );
    await expectServiceError(
      importScoreModel({
        ctx,
        input: { document: { ...leadDocument(), format: "scorecraft.model/v0" } },
      }),
      "UNPROCESSABLE",
    );
    expect(await listScoreModels({ ctx })).toHaveLength(0);

    expect(await importScoreModel({ ctx, input: { document: leadDocument() } })).toMatchObject({
      key: "lead",
      created: true,
    });
    const renamed = leadDocument({ name: "Lead v2" });
    expect(await importScoreModel({ ctx, input: { document: renamed } })).toMatchObject({
      created: false,
    });
    expect(await exportScoreModel({ ctx, input: { key: "lead" } })).toEqual(renamed);
    await publishScoreModel({ ctx, input: { key: "lead" } });
    const exported = await exportScoreModel({ ctx, input: { key: "lead", version: 1 } });
    expect(exported).toEqual(renamed);
    // Round trip: exporting and importing again gives an equal document.
    await importScoreModel({ ctx, input: { document: exported } });
    expect(await exportScoreModel({ ctx, input: { key: "lead" } })).toEqual(exported);
    await expectServiceError(
      exportScoreModel({ ctx, input: { key: "lead", version: 9 } }),
      "NOT_FOUND",
    );
  });

  it("never reaches another workspace's models", async () => {
    const mine = context(database, ws.id, "admin");
    const theirs = context(database, other.id, "admin");
    await importScoreModel({
      ctx: theirs,
      input: { document: leadDocument({ key: "secret", name: "Secret" }) },
    });
    expect(await listScoreModels({ ctx: mine })).toHaveLength(0);
    const attempts = [
      () => getScoreModel({ ctx: mine, input: { key: "secret" } }),
      () => exportScoreModel({ ctx: mine, input: { key: "secret" } }),
      () => publishScoreModel({ ctx: mine, input: { key: "secret" } }),
      () => setScoreModelEnabled({ ctx: mine, input: { key: "secret", enabled: false } }),
      () => deleteScoreModel({ ctx: mine, input: { key: "secret", confirmKey: "secret" } }),
    ];
    for (const attempt of attempts) {
      await expectServiceError(attempt(), "NOT_FOUND");
    }
    const [still] = await database.db
      .select()
      .from(scoreModels)
      .where(and(eq(scoreModels.workspaceId, other.id), eq(scoreModels.key, "secret")));
    expect(still?.enabled).toBe(true);
  });

  it("keeps viewers read-only", async () => {
    const viewer = context(database, ws.id, "viewer");
    await expectServiceError(
      createScoreModel({ ctx: viewer, input: { key: "x", name: "X", emoji: "x", kind: "custom" } }),
      "FORBIDDEN",
    );
    await expectServiceError(
      importScoreModel({ ctx: viewer, input: { document: leadDocument() } }),
      "FORBIDDEN",
    );
    await importScoreModel({
      ctx: context(database, ws.id, "editor"),
      input: { document: leadDocument() },
    });
    await expectServiceError(
      publishScoreModel({ ctx: viewer, input: { key: "lead" } }),
      "FORBIDDEN",
    );
    expect(await listScoreModels({ ctx: viewer })).toHaveLength(1);
  });
});
