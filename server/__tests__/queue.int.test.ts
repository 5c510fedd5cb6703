import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreRuns, scores } from "../../db/schema";
import { createTestDatabase, testTarget, type TestDatabase } from "../../db/testing";
import { startQueue, type RunningQueue } from "../jobs/queue";
import { importScoreModel } from "../services/score-model/import";
import { publishScoreModel } from "../services/score-model/publish";
import { rescoreModel } from "../services/scoring/rescore-model";
import { addContacts, context, createWorkspace, leadDocument } from "./fixtures";

describe(`background rescore on pg-boss (${testTarget()})`, () => {
  let database: TestDatabase;
  let queue: RunningQueue;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startQueue(
      database,
      { rescore: (job) => rescoreModel(database.db, job, { chunkSize: 10 }) },
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
