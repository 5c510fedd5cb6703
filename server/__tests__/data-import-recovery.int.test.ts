/**
 * CSV imports through interruptions and mistakes: a run stopped part-way resumes after its last
 * committed batch without applying or counting a row twice; a run that lost its claim (cancelled,
 * or taken over by a later delivery) writes nothing more; retention deletes the files of uploads
 * never started and of failed or cancelled imports; each person's pending uploads are capped;
 * non-UTF-8 files, quoted carriage returns and stray quotes are read the way a spreadsheet would.
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts, imports, memberships } from "../../db/schema";
import { testTarget, type TestDatabase } from "../../db/testing";
import type { ServiceContext } from "../context";
import type { ImportJob } from "../jobs/queue";
import { cancelImport } from "../services/data-import/cancel";
import { createImport } from "../services/data-import/create";
import { getImport } from "../services/data-import/get";
import { listImportIssues } from "../services/data-import/list-issues";
import type { ImportMapping } from "../services/data-import/mapping";
import { expireImports } from "../services/data-import/retention";
import { ImportInterrupted, runImport } from "../services/data-import/run";
import { filePath } from "../services/data-import/storage";
import { uploadImportFile } from "../services/data-import/upload";
import { createWorkspace } from "./fixtures";
import { openImportWorld, type ImportWorld } from "./import-helpers";

describe(`CSV import recovery (${testTarget()})`, () => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let jobs: ImportJob[];
  let counter = 0;

  let world: ImportWorld | undefined;

  beforeAll(async () => {
    world = await openImportWorld("recovery-ws", "recovery@example.com", "Rita");
    ({ database, ctx, jobs } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function upload(
    bytes: string | Buffer,
    kind: "contacts" | "activities" = "contacts",
    options = {},
  ) {
    return uploadImportFile({
      ctx,
      input: {
        kind,
        fileName: `file-${++counter}.csv`,
        body: Readable.from([typeof bytes === "string" ? Buffer.from(bytes) : bytes]),
        ...options,
      },
    });
  }

  async function start(bytes: string | Buffer, mapping: ImportMapping) {
    const up = await upload(bytes, mapping.kind);
    await createImport({ ctx, input: { uploadId: up.id, mapping } });
    const job = jobs.pop();
    if (!job) throw new Error("no job enqueued");
    return job;
  }

  const keyAndSeats: ImportMapping = {
    kind: "contacts",
    key: 0,
    email: null,
    createdAt: null,
    columns: [{ kind: "skip" }, { kind: "field", key: "seats" }],
  };

  async function storedKeys(prefix: string) {
    const rows = await database.db
      .select({ externalId: contacts.externalId })
      .from(contacts)
      .where(eq(contacts.workspaceId, ctx.workspaceId));
    return rows
      .map((r) => r.externalId)
      .filter((k) => k.startsWith(prefix))
      .sort();
  }

  /** Runs `job`, stopping after `batches` committed batches as a shutdown (or a crash then) would. */
  function stopAfter(batches: number, job: ImportJob) {
    const controller = new AbortController();
    let seen = 0;
    return {
      ctx: { db: database.db, signal: controller.signal },
      input: {
        ...job,
        batchSize: 10,
        onProgress: () => {
          seen += 1;
          if (seen === batches) controller.abort();
        },
      },
    };
  }

  it("resumes a stopped contacts import after its last batch, counting every row once", async () => {
    // Non-ASCII cells and a quoted line break keep byte offsets and row numbers honest.
    const lines = ["id,seats"];
    for (let i = 0; i < 35; i += 1) {
      if (i === 12)
        lines.push(`rés${i},"two\nlines"`); // row 14, a bad number spanning two lines
      else if (i === 27)
        lines.push(`rés${i},many`); // row 29
      else lines.push(`rés${i},${i}`);
    }
    const job = await start(lines.join("\r\n") + "\r\n", keyAndSeats);

    await expect(runImport(stopAfter(1, job))).rejects.toBeInstanceOf(ImportInterrupted);
    const paused = await getImport({ ctx, input: { id: job.importId } });
    expect(paused).toMatchObject({ status: "running", rowsDone: 10, imported: 10, skipped: 0 });
    expect(await storedKeys("rés")).toHaveLength(10);

    // The job is delivered again (after the restart): it continues from row 12, not from the start.
    await runImport({ ctx: { db: database.db }, input: { ...job, batchSize: 10 } });
    const done = await getImport({ ctx, input: { id: job.importId } });
    expect(done).toMatchObject({
      status: "completed",
      rowsDone: 35,
      imported: 33,
      updated: 0,
      duplicates: 0,
      skipped: 2,
      error: null,
    });
    expect(await storedKeys("rés")).toHaveLength(33);
    const { issues } = await listImportIssues({ ctx, input: { id: job.importId } });
    expect(issues.map((i) => [i.rowNumber, i.raw[0]])).toEqual([
      [14, "rés12"],
      [29, "rés27"],
    ]);
    expect(fs.existsSync(filePath(ctx.workspaceId, (await row(job)).storageKey))).toBe(false);
  });

  it("resumes an activities import without counting its first rows again as duplicates", async () => {
    const lines = ["user,activity,when"];
    for (let i = 0; i < 25; i += 1)
      lines.push(
        `ev${i % 4},page_viewed,2026-01-${String((i % 28) + 1).padStart(2, "0")}T10:${String(i).padStart(2, "0")}:00Z`,
      );
    const job = await start(lines.join("\n"), {
      kind: "activities",
      eventId: null,
      contact: 0,
      type: { column: 1 },
      occurredAt: 2,
      columns: [{ kind: "skip" }, { kind: "skip" }, { kind: "skip" }],
    });
    await expect(runImport(stopAfter(2, job))).rejects.toBeInstanceOf(ImportInterrupted);
    await runImport({ ctx: { db: database.db }, input: { ...job, batchSize: 10 } });
    expect(await getImport({ ctx, input: { id: job.importId } })).toMatchObject({
      status: "completed",
      rowsDone: 25,
      imported: 25,
      duplicates: 0,
    });
  });

  it("a run that lost its claim to a later delivery writes nothing more", async () => {
    const lines = ["id,seats", ...Array.from({ length: 30 }, (_, i) => `lost${i},${i}`)];
    const job = await start(lines.join("\n"), keyAndSeats);
    await runImport({
      ctx: { db: database.db },
      input: {
        ...job,
        batchSize: 10,
        onProgress: async () => {
          // Another delivery claims the run (as a redelivery after a missed heartbeat does).
          await database.db
            .update(imports)
            .set({ runToken: crypto.randomUUID() })
            .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, job.importId)));
        },
      },
    });
    expect(await storedKeys("lost")).toHaveLength(10);
    expect(await getImport({ ctx, input: { id: job.importId } })).toMatchObject({
      status: "running",
      rowsDone: 10,
      imported: 10,
    });
  });

  it("cancels a running import between batches, saying how far it got", async () => {
    const lines = ["id,seats", ...Array.from({ length: 30 }, (_, i) => `cx${i},${i}`)];
    const job = await start(lines.join("\n"), keyAndSeats);
    await runImport({
      ctx: { db: database.db },
      input: {
        ...job,
        batchSize: 10,
        onProgress: async ({ rowsDone }) => {
          if (rowsDone === 20) await cancelImport({ ctx, input: { id: job.importId } });
        },
      },
    });
    const cancelled = await getImport({ ctx, input: { id: job.importId } });
    expect(cancelled).toMatchObject({ status: "cancelled", rowsDone: 20, imported: 20 });
    expect(cancelled.error).toBe(
      "Cancelled by Rita after 20 rows: those were applied and are counted here; the rest of the file was not imported.",
    );
    expect(await storedKeys("cx")).toHaveLength(20);
    await expect(cancelImport({ ctx, input: { id: job.importId } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("cancels a queued import before it starts; viewers may not cancel", async () => {
    const job = await start("id,seats\nq1,1\n", keyAndSeats);
    await expect(
      cancelImport({
        ctx: { ...ctx, actor: { ...ctx.actor, role: "viewer" } },
        input: { id: job.importId },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const cancelled = await cancelImport({ ctx, input: { id: job.importId } });
    expect(cancelled).toMatchObject({ status: "cancelled", rowsDone: 0 });
    expect(cancelled.error).toBe("Cancelled by Rita before any row was imported.");
    await runImport({ ctx: { db: database.db }, input: { ...job } });
    expect(await storedKeys("q1")).toEqual([]);
    expect((await getImport({ ctx, input: { id: job.importId } })).status).toBe("cancelled");
  });

  async function row(job: { importId: string }) {
    const [r] = await database.db
      .select()
      .from(imports)
      .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, job.importId)));
    if (!r) throw new Error("no import");
    return r;
  }

  it("deletes the files of old unstarted, failed and cancelled imports and marks them expired", async () => {
    // Relative to the real clock: the other tests' imports here are recent and must be left alone.
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
    const oldUpload = await upload("id\nu1\n");
    const freshUpload = await upload("id\nu2\n");
    const oldCancelled = await upload("id\nu3\n");
    const recentCancelled = await upload("id\nu4\n");
    const stuck = await upload("id\nu5\n");
    const set = (id: string, values: Partial<typeof imports.$inferInsert>) =>
      database.db
        .update(imports)
        .set(values)
        .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id)));
    await set(oldUpload.id, { createdAt: hoursAgo(25) });
    await set(freshUpload.id, { createdAt: hoursAgo(23) });
    await set(oldCancelled.id, {
      status: "cancelled",
      createdAt: hoursAgo(200),
      finishedAt: hoursAgo(24 * 7 + 1),
    });
    await set(recentCancelled.id, {
      status: "failed",
      createdAt: hoursAgo(200),
      finishedAt: hoursAgo(24 * 6),
    });
    await set(stuck.id, {
      status: "running",
      createdAt: hoursAgo(2),
      heartbeatAt: hoursAgo(1),
      rowsDone: 3,
    });

    const result = await expireImports({
      ctx: { db: database.db },
      input: { now: now, settings: { unstartedHours: 24, failedDays: 7 } },
    });
    expect(result).toEqual({ expired: 2, stale: 1 });
    const status = async (id: string) => (await row({ importId: id })).status;
    const file = async (id: string) =>
      fs.existsSync(filePath(ctx.workspaceId, (await row({ importId: id })).storageKey));
    expect([await status(oldUpload.id), await file(oldUpload.id)]).toEqual(["expired", false]);
    expect([await status(oldCancelled.id), await file(oldCancelled.id)]).toEqual([
      "expired",
      false,
    ]);
    expect([await status(freshUpload.id), await file(freshUpload.id)]).toEqual(["uploaded", true]);
    expect([await status(recentCancelled.id), await file(recentCancelled.id)]).toEqual([
      "failed",
      true,
    ]);
    expect(await status(stuck.id)).toBe("failed");
    expect((await row({ importId: stuck.id })).error).toMatch(
      /could not resume it\. The rows before/,
    );
    await expect(
      createImport({
        ctx,
        input: { uploadId: oldUpload.id, mapping: { ...keyAndSeats, columns: [] } },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/upload it again/),
    });
  });

  it("caps the bytes of one person's uploads waiting to be imported, naming the limit", async () => {
    // A fresh workspace, so the other tests' pending uploads do not count.
    const ws = await createWorkspace(database, "quota-ws");
    await database.db
      .insert(memberships)
      .values({ workspaceId: ws.id, userId: ctx.actor.id, role: "editor" });
    const quotaCtx = { ...ctx, workspaceId: ws.id };
    const limit = 2 * 1024 * 1024;
    const file = (mb: number) =>
      Buffer.concat([Buffer.from("id\n"), Buffer.alloc(mb * 1024 * 1024 - 3, "a")]);
    const send = (bytes: Buffer) =>
      uploadImportFile({
        ctx: quotaCtx,
        input: {
          kind: "contacts",
          fileName: "big.csv",
          body: Readable.from([bytes]),
          pendingLimit: limit,
        },
      });
    const first = await send(file(1));
    await expect(send(Buffer.concat([file(1), Buffer.from("x")]))).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: expect.stringMatching(
        /more than 2 MB, the most one person may have waiting \(1 MB already\)/,
      ),
    });
    // Cancelling the first frees its share.
    await cancelImport({ ctx: quotaCtx, input: { id: first.id } });
    await expect(send(Buffer.concat([file(1), Buffer.from("x")]))).resolves.toMatchObject({
      bytes: 1024 * 1024 + 1,
    });
  });

  it("reads a Windows-1252 (Latin-1) file as such instead of turning its accents into U+FFFD", async () => {
    const bytes = Buffer.from([
      ...Buffer.from("id,Caf"),
      0xe9,
      ...Buffer.from(",seats\n"),
      ...Buffer.from("lat1,Jos"),
      0xe9,
      ...Buffer.from(" M"),
      0xfc,
      ...Buffer.from("ller,3\n"),
      ...Buffer.from("lat2,"),
      0x80,
      ...Buffer.from("uro "),
      0x93,
      ...Buffer.from("quoted"),
      0x94,
      ...Buffer.from(",4\n"),
    ]);
    const up = await upload(bytes);
    expect(up).toMatchObject({ encoding: "windows-1252", columns: ["id", "Café", "seats"] });
    await createImport({
      ctx,
      input: {
        uploadId: up.id,
        mapping: {
          kind: "contacts",
          key: 0,
          email: null,
          createdAt: null,
          columns: [
            { kind: "skip" },
            { kind: "new", key: "cafe", label: "Café", type: "text" },
            { kind: "field", key: "seats" },
          ],
        },
      },
    });
    const job = jobs.pop();
    if (!job) throw new Error("no job");
    await runImport({ ctx: { db: database.db }, input: { ...job } });
    const stored = await database.db
      .select({ externalId: contacts.externalId, fields: contacts.fields })
      .from(contacts)
      .where(eq(contacts.workspaceId, ctx.workspaceId));
    const byKey = new Map(stored.map((c) => [c.externalId, c.fields]));
    expect(byKey.get("lat1")).toMatchObject({ cafe: "José Müller", seats: 3 });
    expect(byKey.get("lat2")).toMatchObject({ cafe: "€uro “quoted”", seats: 4 });
    expect((await upload("id,name\nu,Zoë\n")).encoding).toBe("utf-8");
  });

  it("numbers rows as a spreadsheet does after a quoted bare CR, and lists a badly quoted row once", async () => {
    const csv = [
      "id,seats",
      'cr1,"1\r0"', // row 2: a bare CR inside quotes (not a number either)
      "cr2,x", // row 3
      'cr3,x"y"z', // row 4: stray quotes inside an unquoted cell
      'cr4,"5"6', // row 5: text after a closing quote
      "cr5,7", // row 6
      "cr6,oops", // row 7
    ].join("\n");
    const job = await start(csv, keyAndSeats);
    await runImport({ ctx: { db: database.db }, input: { ...job } });
    const result = await getImport({ ctx, input: { id: job.importId } });
    expect(result).toMatchObject({ status: "completed", rowsDone: 6, imported: 1, skipped: 5 });
    const { issues } = await listImportIssues({ ctx, input: { id: job.importId } });
    expect(issues.map((i) => [i.rowNumber, i.raw[0]])).toEqual([
      [2, "cr1"],
      [3, "cr2"],
      [4, "cr3"],
      [5, "cr4"],
      [7, "cr6"],
    ]);
  });

  it("reports a quote that never closes once, at its row", async () => {
    const job = await start('id,seats\nu1,1\nu2,"2\nu3,3\n', keyAndSeats);
    await runImport({ ctx: { db: database.db }, input: { ...job } });
    const { issues } = await listImportIssues({ ctx, input: { id: job.importId } });
    expect(issues).toEqual([
      expect.objectContaining({
        rowNumber: 3,
        message: "a quoted cell is never closed, so the rest of the file cannot be read",
      }),
    ]);
    expect(await getImport({ ctx, input: { id: job.importId } })).toMatchObject({
      imported: 1,
      skipped: 1,
    });
  });
});
