/**
 * The import job: streams the stored file through csv-parse, turns each row into an ingest item
 * (mapping.ts), and hands batches of ≤ 1,000 to the ingest services. A refused batch's per-item
 * issues become skipped rows with reasons and the rest of the batch is retried without them, so
 * one bad row never drops the good ones. After every batch the counters, the bytes read and the
 * skipped rows are written together, so the import row always says what has been applied. If the
 * job stops part-way (unreadable file, server error, restart), the import is marked failed with
 * the row it stopped at; the rows before it stay applied and the message says so.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db";
import { importIssues, imports, memberships } from "../../../db/schema";
import type { Role, ServiceContext } from "../../context";
import type { ImportJob, JobQueue } from "../../jobs/queue";
import { analyzeStaleTables } from "../db-maintenance";
import { log } from "../../log";
import { openCsv, readHeader, type MalformedRecord } from "./csv-source";
import { ingestContacts, ingestEvents, MAX_BATCH_ITEMS, type BatchResult } from "./ingest";
import {
  columnOfIssue,
  contactFromRow,
  eventFromRow,
  ImportMapping,
  planImport,
  type ContactItem,
  type EventItem,
  type RowIssue,
} from "./mapping";
import { loadFieldDefs } from "./shared";
import { filePath, removeFile } from "./storage";

/** Skipped rows listed in the report at most; more are counted (issues_truncated) but not stored. */
export const MAX_STORED_ISSUES = 100_000;

export interface RunOptions {
  batchSize?: number;
  /** Called after every progress write (tests count them). */
  onProgress?: (p: { bytesRead: number; rowsDone: number }) => void;
}

interface PendingRow {
  line: number;
  raw: string[];
  item: ContactItem | EventItem;
}

interface IssueRow {
  rowNumber: number;
  column: string | null;
  field: string | null;
  message: string;
  raw: string[];
}

const noQueue: JobQueue = { enqueueRescore: async () => {} };

export async function runImport(db: Db, job: ImportJob, options: RunOptions = {}): Promise<void> {
  const where = and(eq(imports.workspaceId, job.workspaceId), eq(imports.id, job.importId));
  const [row] = await db.select().from(imports).where(where);
  if (!row || row.status === "uploaded" || row.status === "completed" || row.status === "failed") {
    return;
  }
  if (row.status === "running") {
    // A second delivery of a job that was running: the worker died part-way (restart, crash).
    await db
      .update(imports)
      .set({
        status: "failed",
        finishedAt: new Date(),
        error: stoppedMessage(row.rowsDone, "the server restarted while it ran"),
      })
      .where(where);
    return;
  }

  const batchSize = Math.min(options.batchSize ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
  let rowsDone = 0;
  /** Rows whose outcome is committed (the message on failure counts only these). */
  let committedRows = 0;
  let lastLine = 1;
  try {
    const role = await creatorRole(db, job.workspaceId, row.createdBy);
    if (role !== "admin" && role !== "editor") {
      throw new StopImport("whoever started it can no longer edit this workspace");
    }
    const ctx: ServiceContext = {
      db,
      workspaceId: job.workspaceId,
      actor: { id: row.createdBy, name: "CSV import", role },
      queue: noQueue,
    };
    const plan = planImport(
      ImportMapping.parse(row.mapping),
      row.columns,
      await loadFieldDefs(db, job.workspaceId),
    );
    const file = filePath(job.workspaceId, row.storageKey);
    const { delimiter } = await readHeader(file);
    // Claim the job: only one delivery may move it from queued to running.
    const claimed = await db
      .update(imports)
      .set({ status: "running", startedAt: new Date(), heartbeatAt: new Date(), error: null })
      .where(and(where, eq(imports.status, "queued")))
      .returning({ id: imports.id });
    if (claimed.length === 0) return;

    const counters = { imported: 0, updated: 0, duplicates: 0, skipped: 0 };
    let storedIssues = 0;
    let truncated = 0;
    let issues: IssueRow[] = [];
    let bytesRead = 0;
    let pending: PendingRow[] = [];
    const malformed: MalformedRecord[] = [];

    const skip = (rowNumber: number, raw: string[], rowIssues: RowIssue[]) => {
      counters.skipped += 1;
      for (const issue of rowIssues) {
        if (storedIssues + issues.length < MAX_STORED_ISSUES)
          issues.push({ rowNumber, raw, ...issue });
        else truncated += 1;
      }
    };

    const flush = async () => {
      for (const m of malformed.splice(0)) {
        rowsDone += 1;
        skip(m.line, [], [{ column: null, field: null, message: m.message }]);
      }
      let batch = pending;
      pending = [];
      // Each refusal removes at least one row, so this ends; the services report ≤ 200 issues a time.
      while (batch.length > 0) {
        const result: BatchResult =
          plan.kind === "contacts"
            ? await ingestContacts(
                ctx,
                batch.map((p) => p.item as ContactItem),
              )
            : await ingestEvents(
                ctx,
                batch.map((p) => p.item as EventItem),
              );
        if (result.ok) {
          const { created, updated, unchanged } = result.outcome;
          counters.imported += created;
          if (plan.kind === "contacts") {
            // Repeated keys in one batch are merged by the service: the later rows update the earlier.
            const repeats = batch.length - (created + updated + unchanged);
            counters.updated += updated + Math.max(0, repeats);
          }
          counters.duplicates += unchanged;
          break;
        }
        const bad = new Map<number, RowIssue[]>();
        for (const issue of result.issues) {
          if (issue.index < 0 || issue.index >= batch.length) continue;
          const list = bad.get(issue.index) ?? [];
          list.push({
            column: columnOfIssue(plan, issue.field),
            field: issue.field,
            message: issue.message,
          });
          bad.set(issue.index, list);
        }
        if (bad.size === 0) throw new Error("ingest refused a batch without naming an item");
        for (const [index, rowIssues] of bad)
          skip(batch[index]!.line, batch[index]!.raw, rowIssues);
        batch = batch.filter((_, index) => !bad.has(index));
      }
      await db.transaction(async (tx) => {
        if (issues.length > 0) {
          for (let i = 0; i < issues.length; i += 1000) {
            await tx.insert(importIssues).values(
              issues.slice(i, i + 1000).map((issue) => ({
                workspaceId: job.workspaceId,
                importId: job.importId,
                rowNumber: issue.rowNumber,
                column: storable(issue.column),
                field: storable(issue.field),
                message: storable(issue.message) ?? "",
                raw: issue.raw.map(
                  (cell) => storable(cell.length > 2000 ? `${cell.slice(0, 2000)}…` : cell) ?? "",
                ),
              })),
            );
          }
        }
        await tx
          .update(imports)
          .set({
            ...counters,
            issuesTruncated: truncated,
            bytesRead,
            rowsDone,
            heartbeatAt: new Date(),
          })
          .where(where);
      });
      storedIssues += issues.length;
      issues = [];
      committedRows = rowsDone;
      options.onProgress?.({ bytesRead, rowsDone });
    };

    const parser = openCsv(file, delimiter, (m) => malformed.push(m));
    let header = true;
    for await (const chunk of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; bytes: number };
    }>) {
      const { record, info } = chunk;
      bytesRead = info.bytes;
      const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      const line = info.lines - newlines;
      lastLine = line;
      if (header) {
        header = false;
        continue;
      }
      rowsDone += 1;
      const converted =
        plan.kind === "contacts" ? contactFromRow(record, plan) : eventFromRow(record, plan);
      if (converted.ok) pending.push({ line, raw: record, item: converted.item });
      else skip(line, record, converted.issues);
      if (pending.length >= batchSize || (pending.length === 0 && issues.length >= batchSize)) {
        await flush();
      }
    }
    bytesRead = row.fileBytes;
    await flush();
    await db
      .update(imports)
      .set({ status: "completed", finishedAt: new Date(), bytesRead: row.fileBytes })
      .where(where);
    await analyzeStaleTables(db).catch((e: unknown) =>
      log.warn("could not analyze after an import", { importId: job.importId, err: e }),
    );
    // The rows are in the database and the skipped ones in import_issues: the upload (personal
    // data, up to the size cap) is not kept once it is fully applied.
    await removeFile(job.workspaceId, row.storageKey).catch((e: unknown) =>
      log.warn("could not remove an imported file", { importId: job.importId, err: e }),
    );
  } catch (error) {
    const reason =
      error instanceof StopImport
        ? error.message
        : `a server error stopped it near line ${lastLine}`;
    if (!(error instanceof StopImport)) {
      log.error("import failed", { importId: job.importId, err: error });
    }
    await db
      .update(imports)
      .set({
        status: "failed",
        finishedAt: new Date(),
        error: stoppedMessage(committedRows, reason),
      })
      .where(where)
      .catch((e: unknown) => log.error("import status update failed", { err: e }));
  }
}

class StopImport extends Error {}

/** Postgres text and jsonb cannot hold NUL: the report shows U+FFFD where the file had one. */
function storable(text: string | null): string | null {
  return text === null ? null : text.replace(/\u0000/g, "\uFFFD");
}

function stoppedMessage(rowsDone: number, reason: string): string {
  return (
    `The import stopped because ${reason}. ` +
    (rowsDone > 0
      ? `The rows before that point were applied and are counted here; the rest of the file was not. ` +
        `Importing the same file again is safe: contacts are updated, activities already stored are ` +
        `counted as duplicates.`
      : `Nothing was imported.`)
  );
}

async function creatorRole(db: Db, workspaceId: string, userId: string): Promise<Role | null> {
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return m?.role ?? null;
}
