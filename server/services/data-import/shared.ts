/** What the import services share: loading an import in the actor's workspace, registry types. */
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db";
import { fields, imports } from "../../../db/schema";
import type { ServiceContext } from "../../context";
import { NotFoundError } from "../../errors";
import type { FieldDef, ImportFieldType } from "./mapping";

export async function loadFieldDefs(
  db: Executor,
  workspaceId: string,
): Promise<Map<string, FieldDef>> {
  const rows = await db
    .select({ key: fields.key, type: fields.type, options: fields.options })
    .from(fields)
    .where(eq(fields.workspaceId, workspaceId));
  return new Map(
    rows.map((r) => [r.key, { type: r.type as ImportFieldType, options: r.options ?? null }]),
  );
}

/** An import of the actor's workspace; another workspace's id is NOT_FOUND. */
export async function findImport(ctx: Pick<ServiceContext, "db" | "workspaceId">, id: string) {
  const [row] = await ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id)));
  if (!row) throw new NotFoundError("Import");
  return row;
}

type ImportRow = typeof imports.$inferSelect;

/** The shape the UI reads: status, counters and progress; never storage details. */
export function importView(row: ImportRow) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    fileName: row.fileName,
    fileBytes: row.fileBytes,
    columns: row.columns,
    encoding: row.encoding,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    bytesRead: row.bytesRead,
    rowsDone: row.rowsDone,
    imported: row.imported,
    updated: row.updated,
    duplicates: row.duplicates,
    skipped: row.skipped,
    issuesTruncated: row.issuesTruncated,
    error: row.error,
  };
}
export type ImportView = ReturnType<typeof importView>;
