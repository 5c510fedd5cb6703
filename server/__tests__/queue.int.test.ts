import { and, eq, gt, lte, sql } from "drizzle-orm";
import { query } from "../../db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreModels, scoreRuns, scores } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { startQueue, type RunningQueue } from "../jobs/queue";
import { importScoreModel } from "../services/score-model/import";
import { publishScoreModel } from "../services/score-model/publish";
import { rescoreModel } from "../services/scoring/rescore-model";
import { scheduleRescore } from "../services/scoring/schedule-rescore";
import { addContacts, context, createWorkspace, leadDocument, NOW } from "./fixtures";

describe(`background rescore on pg-boss (${testTarget()})`, () => {
  let database: TestDatabase;
  let queue: RunningQueue;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startQueue(
      database,
      {
        rescore: (job) =>
          rescoreModel({ ctx: { db: database.db }, input: { ...job, chunkSize: 10 } }),
      },
      { pollingIntervalSeconds: 0.5 },
    );
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.destroy();
  });

  it("publishing queues a job that a worker runs to completion, recording progress", async () => {
    const ws = await createWorkspace(database, "queue");
    await addContacts(database, ws.id, 25);
    const ctx = context(database, ws.id, "editor", queue);
    await importScoreModel({ ctx, input: { document: leadDocument() } });
    const { runId } = await publishScoreModel({ ctx, input: { key: "lead" } });
    expect(runId).toBeTruthy();

    await expect
      .poll(
        async () =>
          (await database.db.select().from(scoreRuns).where(eq(scoreRuns.id, runId!)))[0]?.status,
        { timeout: 30_000, interval: 200 },
      )
      .toBe("succeeded");
    const [run] = await database.db.select().from(scoreRuns).where(eq(scoreRuns.id, runId!));
    expect(run).toMatchObject({ processed: 25, total: 25 });
    expect(run!.finishedAt).toBeInstanceOf(Date);
    const stored = await database.db.select().from(scores).where(eq(scores.workspaceId, ws.id));
    expect(stored).toHaveLength(25);
  });
});

describe(`rescore jobs are atomic with their run and resume after a crash (${testTarget()})`, () => {
  let database: TestDatabase;
  let queue: RunningQueue;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Registers no worker: jobs stay in the queue for the test to inspect.
    queue = await startQueue(database, { rescore: async () => {} }, { work: false });
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.destroy();
  });

  const jobsFor = async (runId: string) =>
    query<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from pgboss.job where data->>'runId' = ${runId}`,
    ).then((rows) => rows[0]?.n ?? 0);

  it("a job sent in a transaction exists only if the transaction commits", async () => {
    const committed = crypto.randomUUID();
    await database.db.transaction(async (tx) => {
      await queue.enqueueRescore({ workspaceId: crypto.randomUUID(), runId: committed }, { tx });
    });
    expect(await jobsFor(committed)).toBe(1);

    const rolledBack = crypto.randomUUID();
    await expect(
      database.db.transaction(async (tx) => {
        await queue.enqueueRescore({ workspaceId: crypto.randomUUID(), runId: rolledBack }, { tx });
        throw new Error("publish failed after the send");
      }),
    ).rejects.toThrow("publish failed");
    expect(await jobsFor(rolledBack)).toBe(0);
  });

  it("publishing enqueues the run's job with the version", async () => {
    const ws = await createWorkspace(database, "atomic");
    const ctx = context(database, ws.id, "editor", queue);
    await importScoreModel({ ctx, input: { document: leadDocument() } });
    const { runId } = await publishScoreModel({ ctx, input: { key: "lead" } });
    if (!runId) throw new Error("no run");
    expect(await jobsFor(runId)).toBe(1);
  });

  it("a run cut short resumes after its last committed chunk, at its own instant", async () => {
    const ws = await createWorkspace(database, "resume");
    const people = await addContacts(database, ws.id, 25);
    const ctx = context(database, ws.id, "editor");
    await importScoreModel({ ctx, input: { document: leadDocument() } });
    const { runId: first } = await publishScoreModel({ ctx, input: { key: "lead" } });
    if (!first) throw new Error("no run");
    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId: first, now: NOW, chunkSize: 10 },
    });
    const expected = await snapshot(ws.id);

    // The state a kill -9 leaves after one committed chunk of ten contacts.
    const [model] = await database.db
      .select()
      .from(scoreModels)
      .where(eq(scoreModels.workspaceId, ws.id));
    const runId = await scheduleRescore(database.db, ws.id, model!.id, model!.latestVersion!);
    const tenth = people[9]!.id;
    await database.db
      .update(scoreRuns)
      .set({ status: "running", asOf: NOW, resumeAfter: tenth, processed: 10, total: 25 })
      .where(eq(scoreRuns.id, runId));
    // Marks on the first chunk's rows show whether the resumed run recomputes them.
    await database.db
      .update(scores)
      .set({ raw: -1 })
      .where(and(eq(scores.workspaceId, ws.id), lte(scores.contactId, tenth)));
    await database.db
      .delete(scores)
      .where(and(eq(scores.workspaceId, ws.id), gt(scores.contactId, tenth)));

    // Redelivered later: no `now` given, so the run must keep its recorded instant.
    await rescoreModel({
      ctx: { db: database.db },
      input: { workspaceId: ws.id, runId, chunkSize: 10 },
    });
    const [run] = await database.db.select().from(scoreRuns).where(eq(scoreRuns.id, runId));
    expect(run).toMatchObject({ status: "succeeded", processed: 25, total: 25 });
    const after = await snapshot(ws.id);
    for (const [contactId, raw] of expected) {
      expect(after.get(contactId), `contact ${contactId}`).toBe(contactId <= tenth ? -1 : raw);
    }
  });

  async function snapshot(workspaceId: string) {
    const rows = await database.db
      .select({ contactId: scores.contactId, raw: scores.raw })
      .from(scores)
      .where(eq(scores.workspaceId, workspaceId));
    return new Map(rows.map((r) => [r.contactId, r.raw]));
  }
});
