/**
 * The import job: streams the stored file through csv-parse, turns each row into an ingest item
 * (mapping.ts), and hands batches of ≤ 1,000 to the ingest services. A refused batch's per-item
 * issues become skipped rows with reasons and the rest of the batch is retried without them, so
 * one bad row never drops the good ones.
 *
 * Each batch commits in ONE transaction with the counters, the skipped rows and the resume point
 * (byte offset and row number after its last row), so the import row always says exactly what has
 * been applied. A run that stops part-way because the server stopped or died resumes on the job's
 * next delivery from that point: no row is applied or counted twice. Every delivery takes a new
 * run token and every progress write checks it, so a cancelled import, or one another delivery
 * took over, stops at its next batch and the batch in flight is rolled back.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db";
import { importIssues, imports, memberships } from "../../../db/schema";
import { systemService, type Role, type ServiceContext } from "../../context";
import type { JobQueue } from "../../jobs/queue";
import { analyzeStaleTables } from "../db-maintenance";
import { log } from "../../log";
import { openCsv, readHeader, type CsvPosition, type MalformedRecord } from "./csv-source";
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

/** The job (which import of which workspace); tests also set the batch size and watch progress. */
export const RunImportInput = z.object({
  workspaceId: z.string().uuid(),
  importId: z.string().uuid(),
  batchSize: z.number().int().positive().max(100_000).optional(),
  onProgress: z
    .custom<NonNullable<RunOptions["onProgress"]>>((v) => typeof v === "function")
    .optional(),
});

export interface RunOptions {
  batchSize?: number;
  /** Called after every committed batch (tests count them, or stop the run there). */
  onProgress?: (p: { bytesRead: number; rowsDone: number }) => void | Promise<void>;
  /** Aborted when the server shuts down: the run stops after its current batch, to be resumed. */
  signal?: AbortSignal;
}

/**
 * The run stopped between batches because the server is shutting down. The import stays
 * `running` with its resume point; the job queue delivers the job again (after the restart).
 */
export class ImportInterrupted extends Error {
  override name = "ImportInterrupted";
}

interface PendingRow {
  row: number;
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

export const runImport = systemService(RunImportInput, async ({ ctx, input }): Promise<void> => {
  const db = ctx.db;
  const job = input;
  const options: RunOptions = { ...input, signal: ctx.signal };
  const where = and(eq(imports.workspaceId, job.workspaceId), eq(imports.id, job.importId));
  const [row] = await db.select().from(imports).where(where);
  if (!row || (row.status !== "queued" && row.status !== "running")) return;

  // Claim the run. A `running` import seen here is a redelivery: the worker that ran it died or
  // stopped part-way. Compare-and-set on the previous token: of two deliveries, one wins.
  const token = randomUUID();
  const claimed = await db
    .update(imports)
    .set({
      status: "running",
      runToken: token,
      startedAt: row.startedAt ?? new Date(),
      heartbeatAt: new Date(),
    })
    .where(
      and(
        where,
        eq(imports.status, row.status),
        row.runToken === null
          ? sql`${imports.runToken} is null`
          : eq(imports.runToken, row.runToken),
      ),
    )
    .returning({ id: imports.id });
  if (claimed.length === 0) return;
  const ours = and(where, eq(imports.status, "running"), eq(imports.runToken, token));
  const resumed = row.status === "running";
  if (resumed) {
    log.info("resuming an interrupted import", {
      importId: job.importId,
      rowsDone: row.rowsDone,
      bytesRead: row.bytesRead,
    });
  }

  const batchSize = Math.min(options.batchSize ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
  let rowsDone = row.rowsDone;
  /** Rows whose outcome is committed (the message on failure counts only these). */
  let committedRows = row.rowsDone;
  let lastRow = Math.max(1, row.rowsRead);
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
    const { delimiter } = await readHeader(file, row.encoding);

    const counters = {
      imported: row.imported,
      updated: row.updated,
      duplicates: row.duplicates,
      skipped: row.skipped,
    };
    let storedIssues = resumed
      ? await db.$count(
          importIssues,
          and(
            eq(importIssues.workspaceId, job.workspaceId),
            eq(importIssues.importId, job.importId),
          ),
        )
      : 0;
    let truncated = row.issuesTruncated;
    let issues: IssueRow[] = [];
    let pending: PendingRow[] = [];
    let malformed: MalformedRecord[] = [];
    /** The last row read, and the byte offset after it. */
    let position: CsvPosition = { bytes: row.bytesRead, rows: row.rowsRead };

    const skip = (rowNumber: number, raw: string[], rowIssues: RowIssue[]) => {
      counters.skipped += 1;
      for (const issue of rowIssues) {
        if (storedIssues + issues.length < MAX_STORED_ISSUES)
          issues.push({ rowNumber, raw, ...issue });
        else truncated += 1;
      }
    };

    const stillOurs = async () => {
      const [current] = await db.select({ id: imports.id }).from(imports).where(ours);
      return current !== undefined;
    };

    /** Applies the rows read so far and records the resume point, all in one transaction. */
    const flush = async (final: boolean) => {
      // Cancelled (or taken over) since the last batch: stop before applying anything more.
      if (!(await stillOurs())) throw new LostClaim();
      // csv-parse reports a malformed row as soon as it parses it, which can be ahead of the rows
      // consumed so far: only those before the resume point belong to this batch.
      const due = final ? malformed : malformed.filter((m) => m.row <= position.rows);
      malformed = final ? [] : malformed.filter((m) => m.row > position.rows);
      for (const m of due) {
        rowsDone += 1;
        skip(m.row, [], [{ column: null, field: null, message: m.message }]);
      }
      const bytesRead = final ? row.fileBytes : position.bytes;
      await db.transaction(async (tx) => {
        // The ingest services open their transaction as a savepoint of this one: the batch, the
        // counters and the resume point commit together or not at all.
        const batchCtx: ServiceContext = { ...ctx, db: tx };
        let batch = pending;
        // Each refusal removes at least one row, so this ends; the services report ≤ 200 issues a time.
        while (batch.length > 0) {
          const result: BatchResult =
            plan.kind === "contacts"
              ? await ingestContacts(
                  batchCtx,
                  batch.map((p) => p.item as ContactItem),
                )
              : await ingestEvents(
                  batchCtx,
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
          batch.forEach((p, index) => {
            const rowIssues = bad.get(index);
            if (rowIssues) skip(p.row, p.raw, rowIssues);
          });
          batch = batch.filter((_, index) => !bad.has(index));
        }
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
        const written = await tx
          .update(imports)
          .set({
            ...counters,
            issuesTruncated: truncated,
            bytesRead,
            rowsRead: position.rows,
            rowsDone,
            heartbeatAt: new Date(),
          })
          .where(ours)
          .returning({ id: imports.id });
        // Cancelled while this batch ran: roll it back, so the counters stay what was applied.
        if (written.length === 0) throw new LostClaim();
      });
      // In-memory state moves on only once the batch is committed (any rollback ends the run).
      pending = [];
      storedIssues += issues.length;
      issues = [];
      committedRows = rowsDone;
      await options.onProgress?.({ bytesRead, rowsDone });
      if (!final && options.signal?.aborted) throw new ImportInterrupted("the server is stopping");
      // On the embedded database every query resolves without touching the event loop, so a long
      // import would starve the HTTP server (pages, polls and the cancel button) until it ends.
      await new Promise<void>((resolve) => setImmediate(resolve));
    };

    let header = position.bytes === 0;
    for await (const source of openCsv(
      file,
      { delimiter, encoding: row.encoding, from: position },
      (m) => malformed.push(m),
    )) {
      position = { bytes: source.bytes, rows: source.row };
      lastRow = source.row;
      if (header) {
        header = false;
        continue;
      }
      if (source.blank) continue;
      rowsDone += 1;
      if (source.record.length > plan.headers.length) {
        skip(source.row, source.record, [
          { column: null, field: null, message: "the row has more cells than the header" },
        ]);
      } else {
        const converted =
          plan.kind === "contacts"
            ? contactFromRow(source.record, plan)
            : eventFromRow(source.record, plan);
        if (converted.ok)
          pending.push({ row: source.row, raw: source.record, item: converted.item });
        else skip(source.row, source.record, converted.issues);
      }
      if (
        pending.length >= batchSize ||
        (pending.length === 0 && issues.length >= batchSize) ||
        options.signal?.aborted
      ) {
        await flush(false);
      }
    }
    await flush(true);
    const done = await db
      .update(imports)
      .set({
        status: "completed",
        finishedAt: new Date(),
        bytesRead: row.fileBytes,
        runToken: null,
      })
      .where(ours)
      .returning({ id: imports.id });
    if (done.length === 0) return; // cancelled at the very end; the retention job removes the file
    await analyzeStaleTables(db).catch((e: unknown) =>
      log.warn("could not analyze after an import", { importId: job.importId, err: e }),
    );
    // The rows are in the database and the skipped ones in import_issues: the upload (personal
    // data, up to the size cap) is not kept once it is fully applied.
    await removeFile(job.workspaceId, row.storageKey).catch((e: unknown) =>
      log.warn("could not remove an imported file", { importId: job.importId, err: e }),
    );
  } catch (error) {
    if (error instanceof LostClaim) {
      log.info("import stopped: cancelled or taken over", { importId: job.importId });
      return;
    }
    if (error instanceof ImportInterrupted) {
      log.info("import paused for shutdown; it resumes on restart", {
        importId: job.importId,
        rowsDone: committedRows,
      });
      throw error;
    }
    const reason =
      error instanceof StopImport ? error.message : `a server error stopped it near row ${lastRow}`;
    if (!(error instanceof StopImport)) {
      log.error("import failed", { importId: job.importId, err: error });
    }
    await db
      .update(imports)
      .set({
        status: "failed",
        finishedAt: new Date(),
        runToken: null,
        error: stoppedMessage(committedRows, reason),
      })
      .where(ours)
      .catch((e: unknown) => log.error("import status update failed", { err: e }));
  }
});

class StopImport extends Error {}
/** The import is no longer this run's: cancelled, or claimed by a later delivery. */
class LostClaim extends Error {}

/** Postgres text and jsonb cannot hold NUL: the report shows U+FFFD where the file had one. */
function storable(text: string | null): string | null {
  return text === null ? null : text.replace(/\u0000/g, "\uFFFD");
}

export function stoppedMessage(rowsDone: number, reason: string): string {
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
