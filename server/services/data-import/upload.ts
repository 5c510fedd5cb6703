/**
 * Receives a CSV file for an import: streamed to disk under a generated name with a size cap, its
 * encoding detected on the way (UTF-8, else Windows-1252), then its header is read. The import row
 * starts as `uploaded` (not listed) until a mapping starts it.
 *
 * Each person's files waiting to be imported (uploaded, queued or running) may hold at most
 * IMPORT_PENDING_MAX_BYTES in a workspace, so one account cannot fill the disk with uploads it
 * never starts (those are deleted after a retention period; see retention.ts).
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../../db";
import { imports, IMPORT_KINDS, PENDING_IMPORT_STATUSES } from "../../../db/schema";
import { requireRole, workspaceService, type ServiceContext } from "../../context";
import { env } from "../../env";
import { BadRequestError, ServiceError } from "../../errors";
import { encodingOf, readHeader, Utf8Check } from "./csv-source";
import { FileTooLargeError, filePath, formatSize, removeFile, saveStream } from "./storage";

export class PendingUploadsLimitError extends ServiceError {
  constructor(pending: number, limit: number) {
    super(
      "PAYLOAD_TOO_LARGE",
      `Your files waiting to be imported would hold more than ${formatSize(limit)}, the most one ` +
        `person may have waiting (${formatSize(pending)} already). Start or cancel those imports, ` +
        `or wait for them to finish.`,
      { limitBytes: limit, pendingBytes: pending },
    );
  }
}

/** Bytes of the actor's files in this workspace that are uploaded but not finished importing. */
async function pendingBytes(db: Executor, ctx: ServiceContext): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | number | null>`sum(${imports.fileBytes})` })
    .from(imports)
    .where(
      and(
        eq(imports.workspaceId, ctx.workspaceId),
        eq(imports.createdBy, ctx.actor.id),
        inArray(imports.status, [...PENDING_IMPORT_STATUSES]),
      ),
    );
  return Number(row?.total ?? 0);
}

export const UploadImportInput = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** Shown in lists only; never part of a path. */
  fileName: z.string().trim().min(1).max(255),
});

/** The service's input: the edge's, plus the file's bytes and the limits (tests shrink them). */
const UploadServiceInput = UploadImportInput.extend({
  body: z.custom<Readable>((v) => v instanceof Readable, "the file's bytes"),
  maxBytes: z.number().int().positive().optional(),
  pendingLimit: z.number().int().positive().optional(),
});

export const uploadImportFile = workspaceService(UploadServiceInput, async ({ ctx, input }) => {
  requireRole(ctx, "editor");
  const { kind, fileName, body } = input;
  const maxBytes = input.maxBytes ?? env.IMPORT_MAX_BYTES;
  const pendingLimit = input.pendingLimit ?? env.IMPORT_PENDING_MAX_BYTES;
  // Refused before a byte is stored when nothing fits; otherwise the stream stops at the room left.
  const before = await pendingBytes(ctx.db, ctx);
  if (before >= pendingLimit) throw new PendingUploadsLimitError(before, pendingLimit);
  const storageKey = randomUUID();
  const target = filePath(ctx.workspaceId, storageKey);
  const utf8 = new Utf8Check();
  const room = pendingLimit - before;
  const bytes = await saveStream(body, target, {
    maxBytes: Math.min(maxBytes, room),
    tooLarge: () =>
      room < maxBytes
        ? new PendingUploadsLimitError(before, pendingLimit)
        : new FileTooLargeError(maxBytes),
    observe: (chunk) => utf8.push(chunk),
  });
  try {
    if (bytes === 0) throw new BadRequestError("The file is empty");
    const encoding = encodingOf(utf8.end());
    const { delimiter, columns } = await readHeader(target, encoding);
    if (columns.length === 0 || columns.every((c) => c === "")) {
      throw new BadRequestError("The first row of the file should name the columns; it is empty");
    }
    const id = await ctx.db.transaction(async (tx) => {
      // Two uploads of the same person at once: the second waits here and counts the first.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`import-pending:${ctx.workspaceId}:${ctx.actor.id}`}, 0))`,
      );
      const pending = await pendingBytes(tx, ctx);
      if (pending + bytes > pendingLimit) throw new PendingUploadsLimitError(pending, pendingLimit);
      const [row] = await tx
        .insert(imports)
        .values({
          workspaceId: ctx.workspaceId,
          kind,
          status: "uploaded",
          fileName: fileName.replace(/[\u0000-\u001f]/g, ""),
          storageKey,
          fileBytes: bytes,
          columns,
          encoding,
          createdBy: ctx.actor.id,
        })
        .returning({ id: imports.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    });
    return { id, columns, delimiter, bytes, encoding };
  } catch (error) {
    await removeFile(ctx.workspaceId, storageKey);
    throw error;
  }
});
