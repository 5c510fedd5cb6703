/**
 * CSV imports end to end below the UI: upload (streamed to disk), mapping, the job streaming the
 * file through the ingest services in batches, counters, skipped rows with reasons, and the report.
 */
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, contacts, fields, importIssues } from "../../db/schema";
import { testTarget, type TestDatabase } from "../../db/testing";
import type { ServiceContext } from "../context";
import type { ImportJob } from "../jobs/queue";
import { createImport } from "../services/data-import/create";
import { getImport } from "../services/data-import/get";
import { listImports } from "../services/data-import/list";
import { listImportIssues } from "../services/data-import/list-issues";
import type { ImportMapping } from "../services/data-import/mapping";
import { openImportReport } from "../services/data-import/report";
import { runImport, type RunOptions } from "../services/data-import/run";
import { uploadImportFile } from "../services/data-import/upload";
import { openImportWorld, type ImportWorld } from "./import-helpers";

describe(`CSV import (${testTarget()})`, () => {
  let database: TestDatabase;
  let dir: string;
  let ctx: ServiceContext;
  let jobs: ImportJob[];
  let counter = 0;

  let world: ImportWorld | undefined;

  beforeAll(async () => {
    world = await openImportWorld("import-ws", "importer@example.com", "Importer");
    ({ database, dir, ctx, jobs } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function importText(
    kind: "contacts" | "activities",
    text: string | Readable,
    mapping: (columns: string[]) => ImportMapping,
    options: RunOptions = {},
  ) {
    const body = typeof text === "string" ? Readable.from([Buffer.from(text)]) : text;
    const upload = await uploadImportFile({
      ctx,
      input: { kind, fileName: `file-${++counter}.csv`, body },
    });
    const created = await createImport({
      ctx,
      input: { uploadId: upload.id, mapping: mapping(upload.columns) },
    });
    expect(created.status).toBe("queued");
    const job = jobs.pop();
    expect(job).toEqual({ workspaceId: ctx.workspaceId, importId: upload.id });
    await runImport({
      ctx: { db: database.db, signal: options.signal },
      input: { ...job!, ...options },
    });
    return getImport({ ctx, input: { id: upload.id } });
  }

  const contactsMapping = (): ImportMapping => ({
    kind: "contacts",
    key: 0,
    email: 1,
    createdAt: 2,
    columns: [
      { kind: "skip" },
      { kind: "skip" },
      { kind: "skip" },
      { kind: "field", key: "seats" },
      { kind: "new", key: "vip", label: "VIP", type: "boolean" },
      { kind: "field", key: "plan" },
    ],
  });

  it("imports good rows, skips bad ones with row numbers and reasons, and says so", async () => {
    const csv = [
      "id,email,signed up,seats,vip,plan",
      "k1,k1@example.com,2025-01-02,3,yes,pro",
      "k2,k2@example.com,,x,no,free", // bad number (caught while converting)
      ",nobody@example.com,,1,,", // no key
      "k3,k3@example.com,2025-02-30,1,,", // not a date
      "k4,k4@example.com,,2,maybe,gold", // two bad cells: one row, two reasons
      'k5,"five@example.com",2025-03-04T10:00:00+01:00,5,1,FREE',
      "k6,six\u0000@example.com,,1,,", // refused by the ingest service itself
      "k1,k1@example.com,,4,,", // same key again: an update of k1
    ].join("\n");
    const result = await importText("contacts", csv, contactsMapping, { batchSize: 1000 });
    expect(result).toMatchObject({
      status: "completed",
      rowsDone: 8,
      imported: 2,
      updated: 1,
      skipped: 5,
      error: null,
    });
    expect(result.bytesRead).toBe(result.fileBytes);

    const { issues } = await listImportIssues({ ctx, input: { id: result.id, limit: 100 } });
    const brief = issues.map((i) => [i.rowNumber, i.column, i.field, i.message]);
    expect(brief).toEqual(
      expect.arrayContaining([
        [3, "seats", "seats", '"x" is not a number'],
        [4, "id", "externalId", "the key is empty"],
        [
          5,
          "signed up",
          "createdAt",
          '"2025-02-30" is not a date (use 2026-01-31 or 2026-01-31T09:30:00Z)',
        ],
        [6, "vip", "vip", '"maybe" is not true or false (use true/false, yes/no or 1/0)'],
        [6, "plan", "plan", '"gold" is not one of the options (free, pro)'],
      ]),
    );
    const nul = issues.find((i) => i.rowNumber === 8);
    expect(nul?.message).toMatch(/NUL/);
    expect(nul?.raw[0]).toBe("k6");

    const stored = await database.db
      .select({
        externalId: contacts.externalId,
        fields: contacts.fields,
        createdAt: contacts.createdAt,
      })
      .from(contacts)
      .where(eq(contacts.workspaceId, ctx.workspaceId));
    const byId = new Map(stored.map((c) => [c.externalId, c]));
    expect([...byId.keys()].sort()).toEqual(["k1", "k5"]);
    expect(byId.get("k1")?.fields).toEqual({ seats: 4, vip: true, plan: "pro" });
    expect(byId.get("k5")?.fields).toEqual({ seats: 5, vip: true, plan: "free" });
    expect(byId.get("k5")?.createdAt.toISOString()).toBe("2025-03-04T09:00:00.000Z");
    const [vip] = await database.db
      .select()
      .from(fields)
      .where(and(eq(fields.workspaceId, ctx.workspaceId), eq(fields.key, "vip")));
    expect(vip).toMatchObject({ type: "boolean", label: "VIP" });

    const list = await listImports({ ctx });
    expect(list.map((i) => i.id)).toContain(result.id);
  });

  it("retries a refused batch without its bad rows, so good rows in the same batch land", async () => {
    const rows = Array.from({ length: 25 }, (_, i) =>
      i % 7 === 3 ? `r${i},,,1,\u0000,` : `r${i},,,${i},,`,
    );
    const csv = ["id,email,signed up,seats,vip,plan", ...rows].join("\n");
    const result = await importText(
      "contacts",
      csv,
      () => ({
        kind: "contacts",
        key: 0,
        email: 1,
        createdAt: 2,
        columns: [
          { kind: "skip" },
          { kind: "skip" },
          { kind: "skip" },
          { kind: "field", key: "seats" },
          { kind: "new", key: "note", label: "Note", type: "text" },
        ],
      }),
      { batchSize: 10 },
    );
    const bad = rows.filter((_, i) => i % 7 === 3).length;
    expect(result).toMatchObject({ status: "completed", imported: 25 - bad, skipped: bad });
    const [{ count }] = (await database.db
      .$count(
        contacts,
        and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.externalId, "r4")),
      )
      .then((n) => [{ count: n }])) as [{ count: number }];
    expect(count).toBe(1);
  });

  it("re-importing the same activities file reports duplicates, not new rows", async () => {
    const csv = [
      "user,activity,when,url,amount",
      "a1,page_viewed,2026-01-02 10:00,/pricing,1",
      "a1,page_viewed,2026-01-03,/blog,",
      "a2,purchase,2026-01-04T08:00:00Z,,99.5",
      "a3,Not A Type,2026-01-04,,",
      "a3,logged_in,someday,,",
    ].join("\r\n");
    const mapping = (): ImportMapping => ({
      kind: "activities",
      eventId: null,
      contact: 0,
      type: { column: 1 },
      occurredAt: 2,
      columns: [
        { kind: "skip" },
        { kind: "skip" },
        { kind: "skip" },
        { kind: "property", key: "url", type: "text" },
        { kind: "property", key: "amount", type: "number" },
      ],
    });
    const first = await importText("activities", csv, mapping);
    expect(first).toMatchObject({ status: "completed", imported: 3, duplicates: 0, skipped: 2 });
    const second = await importText("activities", csv, mapping);
    expect(second).toMatchObject({ status: "completed", imported: 0, duplicates: 3, skipped: 2 });
    const stored = await database.db.$count(
      activities,
      eq(activities.workspaceId, ctx.workspaceId),
    );
    expect(stored).toBe(3);
    const created = await database.db
      .select({ externalId: contacts.externalId })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.externalId, "a2")));
    expect(created).toHaveLength(1);
  });

  it("skips malformed CSV records with the line and keeps going", async () => {
    const csv = [
      "id;email;signed up;seats",
      "m1;m1@x.io;;1",
      "m2;m2@x.io;;2;extra",
      "m3;m3@x.io;;3",
    ].join("\n");
    const result = await importText("contacts", csv, () => ({
      kind: "contacts",
      key: 0,
      email: 1,
      createdAt: null,
      columns: [
        { kind: "skip" },
        { kind: "skip" },
        { kind: "skip" },
        { kind: "field", key: "seats" },
      ],
    }));
    expect(result).toMatchObject({ status: "completed", imported: 2, skipped: 1 });
    const { issues } = await listImportIssues({ ctx, input: { id: result.id } });
    expect(issues).toEqual([
      expect.objectContaining({ rowNumber: 3, message: "the row has more cells than the header" }),
    ]);
  });

  it("writes a report of skipped rows as formula-safe CSV", async () => {
    const csv = ["id,email,signed up,seats,vip,plan", "=cmd(),x@x.io,,oops,,"].join("\n");
    const result = await importText("contacts", csv, contactsMapping);
    const report = await openImportReport({ ctx, input: { id: result.id } });
    let text = "";
    for await (const line of report.lines) text += line;
    const records = parse(text) as string[][];
    expect(records[0]).toEqual([
      "row",
      "column",
      "field",
      "reason",
      "id",
      "email",
      "signed up",
      "seats",
      "vip",
      "plan",
    ]);
    expect(records[1]).toEqual([
      "2",
      "seats",
      "seats",
      '"oops" is not a number',
      "'=cmd()",
      "x@x.io",
      "",
      "oops",
      "",
      "",
    ]);
    expect(report.fileName).toMatch(/-report\.csv$/);
  });

  it("streams a ~20 MB file in batches with progress along the way", async () => {
    const rows = 20_000;
    const filler = "x".repeat(1000);
    let bytes = 0;
    function* generate() {
      const header = "id,email,signed up,seats,notes\n";
      bytes += header.length;
      yield header;
      for (let i = 0; i < rows; i += 1) {
        const line = `big${i},,,${i % 50},${filler}\n`;
        bytes += line.length;
        yield line;
      }
    }
    const progress: { bytesRead: number; rowsDone: number }[] = [];
    const result = await importText(
      "contacts",
      Readable.from(generate()),
      () => ({
        kind: "contacts",
        key: 0,
        email: null,
        createdAt: null,
        columns: [
          { kind: "skip" },
          { kind: "skip" },
          { kind: "skip" },
          { kind: "field", key: "seats" },
          { kind: "skip" },
        ],
      }),
      { onProgress: (p) => void progress.push(p) },
    );
    expect(bytes).toBeGreaterThan(20_000_000);
    expect(result).toMatchObject({
      status: "completed",
      imported: rows,
      skipped: 0,
      fileBytes: bytes,
    });
    // Progress is written after every batch of 1,000: many updates, growing bytes, never all at once.
    expect(progress.length).toBeGreaterThanOrEqual(rows / 1000);
    expect(progress[0]!.bytesRead).toBeLessThan(bytes / 10);
    for (let i = 1; i < progress.length; i += 1) {
      expect(progress[i]!.bytesRead).toBeGreaterThanOrEqual(progress[i - 1]!.bytesRead);
    }
  }, 180_000);

  it("refuses files over the cap while streaming and keeps nothing", async () => {
    const before = fs.readdirSync(path.join(dir, ctx.workspaceId)).length;
    await expect(
      uploadImportFile({
        ctx,
        input: {
          kind: "contacts",
          fileName: "big.csv",
          body: Readable.from([Buffer.alloc(2048, 97)]),
          maxBytes: 1024,
        },
      }),
    ).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(fs.readdirSync(path.join(dir, ctx.workspaceId)).length).toBe(before);
  });

  it("refuses a mapping that does not fit the file, and viewers", async () => {
    const upload = await uploadImportFile({
      ctx,
      input: {
        kind: "contacts",
        fileName: "m.csv",
        body: Readable.from([Buffer.from("id,x\n1,2\n")]),
      },
    });
    await expect(
      createImport({
        ctx,
        input: {
          uploadId: upload.id,
          mapping: { kind: "contacts", key: 5, email: null, createdAt: null, columns: [] },
        },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      createImport({
        ctx: { ...ctx, actor: { ...ctx.actor, role: "viewer" } },
        input: {
          uploadId: upload.id,
          mapping: { kind: "contacts", key: 0, email: null, createdAt: null, columns: [] },
        },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const issues = await database.db.$count(importIssues, eq(importIssues.importId, upload.id));
    expect(issues).toBe(0);
  });
});
