import { sql } from "drizzle-orm";
import {
  bigint,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const IMPORT_KINDS = ["contacts", "activities"] as const;
/**
 * uploaded: the file is stored, no mapping yet (not listed) · queued: mapped, waiting for a worker ·
 * running · completed (possibly with skipped rows) · failed (stopped part-way; `error` says where) ·
 * cancelled (by a user; `error` says how far it got) · expired (never started, or failed/cancelled,
 * and its file was deleted after the retention period).
 */
export const IMPORT_STATUSES = [
  "uploaded",
  "queued",
  "running",
  "completed",
  "failed",
  "cancelled",
  "expired",
] as const;
/** Statuses whose file is still needed: they count against the uploader's pending-bytes cap. */
export const PENDING_IMPORT_STATUSES = ["uploaded", "queued", "running"] as const;
/** How the stored bytes are decoded: detected at upload (UTF-8 when valid, else Windows-1252). */
export const IMPORT_ENCODINGS = ["utf-8", "windows-1252"] as const;

/**
 * CSV imports of contacts or activities. The file lives on disk under a generated name
 * (`storage_key`); the user's file name is only displayed. Counters are updated after every batch,
 * so a page can show progress and a crash leaves an honest account of what was applied.
 */
export const imports = pgTable(
  "imports",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull().default("uploaded"),
    fileName: text("file_name").notNull(),
    storageKey: text("storage_key").notNull(),
    fileBytes: bigint("file_bytes", { mode: "number" }).notNull(),
    /** The header row as read at upload (the report repeats it after its own columns). */
    columns: jsonb("columns").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    encoding: text("encoding", { enum: IMPORT_ENCODINGS }).notNull().default("utf-8"),
    /** The validated mapping (server/services/data-import/mapping.ts); null until started. */
    mapping: jsonb("mapping").$type<Record<string, unknown>>(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    /** Last progress write; a running import whose heartbeat is old was interrupted. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "date" }),
    /**
     * The delivery of the job that owns the run: each (re)delivery takes a new token and every
     * progress write checks it, so a worker that lost the import (cancelled, or resumed elsewhere)
     * cannot write again.
     */
    runToken: uuid("run_token"),
    /** Byte offset just after the last committed row: a resumed run continues from here. */
    bytesRead: bigint("bytes_read", { mode: "number" }).notNull().default(0),
    /** Spreadsheet rows (header and blank lines included) before `bytes_read`, for row numbers. */
    rowsRead: integer("rows_read").notNull().default(0),
    /** Data rows (after the header) whose outcome is recorded in the counters below. */
    rowsDone: integer("rows_done").notNull().default(0),
    imported: integer("imported").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    duplicates: integer("duplicates").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    /** Skipped rows beyond the stored-issue cap are counted but not listed in the report. */
    issuesTruncated: integer("issues_truncated").notNull().default(0),
    /** Why the import stopped (safe to show); details are in the server log. */
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("imports_workspace_created_at_idx").on(t.workspaceId, t.createdAt),
  ],
);

/** One reason a row was skipped (a row may have several, one per column). */
export const importIssues = pgTable(
  "import_issues",
  {
    workspaceId: uuid("workspace_id").notNull(),
    importId: uuid("import_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    /** Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
    rowNumber: integer("row_number").notNull(),
    /** The CSV column (header text), when the issue is about one. */
    column: text("column"),
    /** The target: a field key, `externalId`, `eventId`, `type`, `occurredAt`, … */
    field: text("field"),
    message: text("message").notNull(),
    /** The row's raw cells, as read. */
    raw: jsonb("raw").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.importId, t.id] }),
    index("import_issues_workspace_import_row_idx").on(t.workspaceId, t.importId, t.rowNumber),
    foreignKey({
      columns: [t.workspaceId, t.importId],
      foreignColumns: [imports.workspaceId, imports.id],
    }).onDelete("cascade"),
  ],
);
