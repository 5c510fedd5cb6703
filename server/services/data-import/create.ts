/**
 * Starts an import of an uploaded file with a mapping: creates the new fields it asks for, checks
 * the mapping against the header and the registry, and queues the job. Nothing is read from the
 * file here; rows are validated as the job streams them.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { fields, imports } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { BadRequestError, ConflictError } from "../../errors";
import { ImportMapping, MappingError, newFieldsOf, planImport } from "./mapping";
import { findImport, importView, loadFieldDefs } from "./shared";

export const CreateImportInput = z.object({
  uploadId: z.string().uuid(),
  mapping: ImportMapping,
});

export const createImport = workspaceService(CreateImportInput, async ({ ctx, input }) => {
  requireRole(ctx, "editor");
  const upload = await findImport(ctx, input.uploadId);
  if (upload.status === "expired") {
    throw new ConflictError(
      "This upload was never started and its file has been deleted; upload it again",
    );
  }
  if (upload.status === "cancelled")
    throw new ConflictError("This upload was cancelled; upload it again");
  if (upload.status !== "uploaded") throw new ConflictError("This import has already started");
  if (upload.kind !== input.mapping.kind) {
    throw new BadRequestError(`This file was uploaded for ${upload.kind}`);
  }

  const row = await ctx.db.transaction(async (tx) => {
    const wanted = newFieldsOf(input.mapping);
    if (wanted.length > 0) {
      const existing = await tx
        .select({ key: fields.key, type: fields.type })
        .from(fields)
        .where(
          and(
            eq(fields.workspaceId, ctx.workspaceId),
            inArray(
              fields.key,
              wanted.map((f) => f.key),
            ),
          ),
        );
      const clash = existing.find((e) => wanted.some((w) => w.key === e.key && w.type !== e.type));
      if (clash) {
        throw new ConflictError(`A field "${clash.key}" already exists with type ${clash.type}`);
      }
      await tx
        .insert(fields)
        .values(
          wanted.map((f) => ({
            workspaceId: ctx.workspaceId,
            key: f.key,
            label: f.label,
            type: f.type,
            options: f.type === "enum" && f.options?.length ? f.options : null,
          })),
        )
        .onConflictDoNothing();
    }
    try {
      planImport(input.mapping, upload.columns, await loadFieldDefs(tx, ctx.workspaceId));
    } catch (error) {
      if (error instanceof MappingError) {
        throw new BadRequestError("The mapping does not fit the file", {
          issues: error.issues.map((i) => ({
            path: `mapping.${i.path}`,
            code: "invalid",
            message: i.message,
          })),
        });
      }
      throw error;
    }
    const [updated] = await tx
      .update(imports)
      .set({ status: "queued", mapping: input.mapping as unknown as Record<string, unknown> })
      .where(
        and(
          eq(imports.workspaceId, ctx.workspaceId),
          eq(imports.id, upload.id),
          eq(imports.status, sql`'uploaded'`),
        ),
      )
      .returning();
    if (!updated) throw new ConflictError("This import has already started");
    return updated;
  });
  await ctx.queue.enqueueImport?.({ workspaceId: ctx.workspaceId, importId: row.id });
  return importView(row);
});
