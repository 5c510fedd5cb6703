/**
 * Receives a CSV file for an import: streamed to disk under a generated name with a size cap, then
 * its header is read. The import row starts as `uploaded` (not listed) until a mapping starts it.
 */
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { z } from "zod";
import { imports, IMPORT_KINDS } from "../../../db/schema";
import { requireRole, type ServiceContext } from "../../context";
import { env } from "../../env";
import { BadRequestError } from "../../errors";
import { readHeader } from "./csv-source";
import { filePath, removeFile, saveStream } from "./storage";

export const UploadImportInput = z.object({
  kind: z.enum(IMPORT_KINDS),
  /** Shown in lists only; never part of a path. */
  fileName: z.string().trim().min(1).max(255),
});

export async function uploadImportFile({
  ctx,
  input,
  body,
  maxBytes = env.IMPORT_MAX_BYTES,
}: {
  ctx: ServiceContext;
  input: z.input<typeof UploadImportInput>;
  body: Readable;
  maxBytes?: number;
}) {
  requireRole(ctx, "editor");
  const { kind, fileName } = UploadImportInput.parse(input);
  const storageKey = randomUUID();
  const target = filePath(ctx.workspaceId, storageKey);
  const bytes = await saveStream(body, target, maxBytes);
  try {
    if (bytes === 0) throw new BadRequestError("The file is empty");
    const { delimiter, columns } = await readHeader(target);
    if (columns.length === 0 || columns.every((c) => c === "")) {
      throw new BadRequestError("The first row of the file should name the columns; it is empty");
    }
    const [row] = await ctx.db
      .insert(imports)
      .values({
        workspaceId: ctx.workspaceId,
        kind,
        status: "uploaded",
        fileName: fileName.replace(/[\u0000-\u001f]/g, ""),
        storageKey,
        fileBytes: bytes,
        columns,
        createdBy: ctx.actor.id,
      })
      .returning({ id: imports.id });
    return { id: row!.id, columns, delimiter, bytes };
  } catch (error) {
    await removeFile(ctx.workspaceId, storageKey);
    throw error;
  }
}
