import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../core/scoring/evaluate";
import { activities, contacts, scoreDirty, scoreModels, scores } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { startIncrementalScorer } from "../jobs/incremental";
import { loadRegistry } from "../services/registry/load-registry";
import { importScoreModel } from "../services/score-model/import";
import { publishScoreModel } from "../services/score-model/publish";
import { setScoreModelEnabled } from "../services/score-model/set-enabled";
import { markContactsDirty } from "../services/scoring/mark-dirty";
import { refreshAllModels } from "../services/scoring/refresh-all";
import { releaseWorkerClaims, rescoreDirty } from "../services/scoring/rescore-dirty";
import { rescoreModel } from "../services/scoring/rescore-model";
import { scheduleRescore } from "../services/scoring/schedule-rescore";
import { addContacts, context, createWorkspace, DAY, leadDocument, NOW } from "./fixtures";

const LATER = new Date(NOW.getTime() + 2 * DAY);

describe(`incremental scoring (${testTarget()})`, () => {
  let database: TestDatabase;
  let ws: { id: string };
  let other: { id: string };
  let people: { id: number; externalId: string }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    ws = await createWorkspace(database, "inc");
    other = await createWorkspace(database, "inc-other");
    people = await addContacts(database, ws.id, 12);
    await addContacts(database, other.id, 2);
    for (const [workspaceId, docs] of [
      [
        ws.id,
        [
          leadDocument(),
          leadDocument({ key: "pct", name: "Pct", scale: { kind: "percentile", percentile: 80 } }),
        ],
      ],
      [other.id, [leadDocument()]],
    ] as const) {
      const ctx = context(database, workspaceId, "admin");
      for (const document of docs) {
        await importScoreModel({ ctx, input: { document } });
        const { runId } = await publishScoreModel({ ctx, input: { key: document.key } });
        await rescoreModel({
          ctx: { db: database.db },
          input: { workspaceId, runId: runId!, now: NOW },
        });
      }
    }
  });
  afterAll(async () => {
    await database?.destroy();
  });

  async function expectStoredMatchesEvaluator(
    workspaceId: string,
    key: string,
    at: Date,
    ids: number[],
  ) {
    const [model] = await database.db
      .select()
      .from(scoreModels)
      .where(and(eq(scoreModels.workspaceId, workspaceId), eq(scoreModels.key, key)));
    const registry = await loadRegistry(database.db, workspaceId);
    for (const id of ids) {
      const [contact] = await database.db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
      const events = await database.db
        .select()
        .from(activities)
        .where(and(eq(activities.workspaceId, workspaceId), eq(activities.contactId, id)));
      const want = evaluate(model!.draft, contact!, events, {
        at,
        registry,
        scaleReference: model!.scaleReference,
      });
      const [row] = await database.db
        .select()
        .from(scores)
        .where(
          and(
            eq(scores.workspaceId, workspaceId),
            eq(scores.modelId, model!.id),
            eq(scores.contactId, id),
          ),
        );
      expect(row!.raw, `raw of contact ${id} in ${key}`).toBeCloseTo(want.raw, 9);
      expect(row!.score).toBeCloseTo(want.score, 9);
      expect(row!.band).toBe(want.band);
      expect(row!.asOf.getTime()).toBe(at.getTime());
    }
  }

  it("rescored only the dirty contacts, for every enabled model, at the new instant", async () => {
    const [a, b, c, untouched] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];
    await database.db.insert(activities).values([
      {
        workspaceId: ws.id,
        eventId: "new-1",
        contactId: a.id,
        type: "page_viewed",
        occurredAt: LATER,
        properties: { url: "/pricing" },
      },
      {
        workspaceId: ws.id,
        eventId: "new-2",
        contactId: c.id,
        type: "logged_in",
        occurredAt: LATER,
        properties: {},
      },
    ]);
    await database.db
      .update(contacts)
      .set({ fields: { country: "US", plan: "pro", seats: 1 } })
      .where(and(eq(contacts.workspaceId, ws.id), eq(contacts.id, b.id)));
    await markContactsDirty(database.db, ws.id, [a.id, b.id, c.id, a.id]);
    const result = await rescoreDirty({ ctx: { db: database.db }, input: { now: LATER } });
    expect(result.contacts).toBe(3);
    expect(result.latenciesMs).toHaveLength(3);
    expect(await database.db.select().from(scoreDirty)).toHaveLength(0);

    await expectStoredMatchesEvaluator(ws.id, "lead", LATER, [a.id, b.id, c.id]);
    await expectStoredMatchesEvaluator(ws.id, "pct", LATER, [a.id, b.id, c.id]);
    // Everyone else keeps the full rescore's values and instant.
    const [row] = await database.db
      .select({ asOf: scores.asOf })
      .from(scores)
      .where(and(eq(scores.workspaceId, ws.id), eq(scores.contactId, untouched.id)));
    expect(row!.asOf.getTime()).toBe(NOW.getTime());
  });

  it("a full rescore that started earlier never overwrites a fresher incremental score", async () => {
    const target = people[3]!;
    await database.db.insert(activities).values({
      workspaceId: ws.id,
      eventId: "fresh-1",
      contactId: target.id,
      type: "page_viewed",
      occurredAt: LATER,
      properties: { url: "/pricing" },
    });
    await markContactsDirty(database.db, ws.id, [target.id]);
    await rescoreDirty({ ctx: { db: database.db }, input: { now: LATER } });
    // A full rescore evaluated at NOW (it started before the event) reaches this contact later.
    const [model] = await database.db
      .select()
      .from(scoreModels)
      .where(and(eq(scoreModels.workspaceId, ws.id), eq(scoreModels.key, "lead")));
    const runId = await scheduleRescore(database.db, ws.id, model!.id, model!.latestVersion!);
    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId, now: NOW },
    });
    await expectStoredMatchesEvaluator(ws.id, "lead", LATER, [target.id]);
  });

  it("leaves switched-off models and other workspaces alone", async () => {
    await setScoreModelEnabled({
      ctx: context(database, ws.id, "admin"),
      input: { key: "pct", enabled: false },
    });
    const target = people[5]!;
    await markContactsDirty(database.db, ws.id, [target.id]);
    await rescoreDirty({ ctx: { db: database.db }, input: { now: LATER } });
    const stored = await database.db
      .select({ key: scoreModels.key, asOf: scores.asOf })
      .from(scores)
      .innerJoin(scoreModels, eq(scoreModels.id, scores.modelId))
      .where(and(eq(scores.workspaceId, ws.id), eq(scores.contactId, target.id)));
    expect(stored.find((s) => s.key === "lead")!.asOf.getTime()).toBe(LATER.getTime());
    expect(stored.find((s) => s.key === "pct")!.asOf.getTime()).toBe(NOW.getTime());
    const theirs = await database.db
      .select({ asOf: scores.asOf })
      .from(scores)
      .where(eq(scores.workspaceId, other.id));
    expect(theirs.every((s) => s.asOf.getTime() === NOW.getTime())).toBe(true);
  });

  it("the scheduled refresh rescores every enabled model at the refresh instant", async () => {
    const refreshAt = new Date(LATER.getTime() + 30 * DAY);
    const { models } = await refreshAllModels({
      ctx: { db: database.db },
      input: { now: refreshAt },
    });
    expect(models).toBe(2); // lead in both workspaces; pct is off
    await expectStoredMatchesEvaluator(
      ws.id,
      "lead",
      refreshAt,
      people.map((p) => p.id),
    );
    await expectStoredMatchesEvaluator(other.id, "lead", refreshAt, []);
  });

  it("a change during scoring keeps the contact queued; an abandoned claim is retaken", async () => {
    const target = people[9]!;
    const inFlight = crypto.randomUUID();
    await markContactsDirty(database.db, ws.id, [target.id]);
    // A scorer batch claims the contact…
    await database.db
      .update(scoreDirty)
      .set({ claimId: inFlight, claimedAt: new Date() })
      .where(and(eq(scoreDirty.workspaceId, ws.id), eq(scoreDirty.contactId, target.id)));
    // …the contact changes before that batch releases it…
    await markContactsDirty(database.db, ws.id, [target.id]);
    // …so the batch's release leaves it queued for another pass.
    await database.db.delete(scoreDirty).where(eq(scoreDirty.claimId, inFlight));
    const [queued] = await database.db
      .select()
      .from(scoreDirty)
      .where(eq(scoreDirty.contactId, target.id));
    expect(queued).toMatchObject({ claimId: null });

    // A claim whose worker died is taken again after it goes stale.
    await database.db
      .update(scoreDirty)
      .set({ claimId: crypto.randomUUID(), claimedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(scoreDirty.contactId, target.id));
    expect((await rescoreDirty({ ctx: { db: database.db }, input: { now: LATER } })).contacts).toBe(
      1,
    );
    expect(await database.db.select().from(scoreDirty)).toHaveLength(0);
  });

  it("a restarted scorer takes up the claims it held before a crash at once", async () => {
    const target = people[8]!;
    await markContactsDirty(database.db, ws.id, [target.id]);
    // The previous process claimed the contact seconds ago and was killed: not stale yet.
    await database.db
      .update(scoreDirty)
      .set({ claimId: crypto.randomUUID(), claimedAt: new Date(), claimedBy: "host-a:3000" })
      .where(and(eq(scoreDirty.workspaceId, ws.id), eq(scoreDirty.contactId, target.id)));
    expect((await rescoreDirty({ ctx: { db: database.db }, input: { now: LATER } })).contacts).toBe(
      0,
    );
    // Another server's restart leaves it alone…
    expect(await releaseWorkerClaims(database.db, "host-b:3000")).toBe(0);
    // …the same worker's restart releases it, and it is scored right away.
    expect(await releaseWorkerClaims(database.db, "host-a:3000")).toBe(1);
    expect(
      (
        await rescoreDirty({
          ctx: { db: database.db },
          input: { now: LATER, workerId: "host-a:3000" },
        })
      ).contacts,
    ).toBe(1);
    expect(await database.db.select().from(scoreDirty)).toHaveLength(0);
  });

  it("the background scorer drains marks on its own", async () => {
    const scorer = startIncrementalScorer(database.db, { intervalMs: 20 });
    try {
      const target = people[7]!;
      await database.db.insert(activities).values({
        workspaceId: ws.id,
        eventId: "bg-1",
        contactId: target.id,
        type: "page_viewed",
        occurredAt: new Date(),
        properties: { url: "/pricing" },
      });
      await markContactsDirty(database.db, ws.id, [target.id]);
      await expect
        .poll(async () => (await database.db.select().from(scoreDirty)).length, { timeout: 10_000 })
        .toBe(0);
      const [row] = await database.db
        .select({ asOf: scores.asOf })
        .from(scores)
        .innerJoin(scoreModels, eq(scoreModels.id, scores.modelId))
        .where(
          and(
            eq(scores.workspaceId, ws.id),
            eq(scores.contactId, target.id),
            eq(scoreModels.key, "lead"),
          ),
        );
      expect(Date.now() - row!.asOf.getTime()).toBeLessThan(60_000);
    } finally {
      await scorer.stop();
    }
  });
});
