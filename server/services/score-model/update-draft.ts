import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ModelDocument } from "../../../core/scoring/document";
import { formatPath } from "../../../core/scoring/validate";
import { scoreModels } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { ConflictError, InvalidDocumentError } from "../../errors";
import { findModel } from "./shared";

export const UpdateDraftInput = z.object({
  key: z.string(),
  document: z.unknown(),
  /** The revision the editor started from; a mismatch means someone else saved in between. */
  expectedRevision: z.number().int().positive(),
  /**
   * Editor metadata (canvas positions, unconnected nodes); never read by scoring. Absent keeps the
   * stored layout. Bounded so a runaway client cannot store megabytes beside a small document.
   */
  layout: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .refine((v) => v == null || JSON.stringify(v).length <= 256_000, "The layout is too large"),
});
export type UpdateDraftInput = z.infer<typeof UpdateDraftInput>;

/**
 * Saves the draft. The draft must be a well-formed document (shape), but may still reference
 * things publish would refuse, so editors can save work in progress. Optimistic concurrency on
 * `draft_revision`: a stale revision is a CONFLICT, never a silent overwrite.
 */
export const updateScoreModelDraft = workspaceService(UpdateDraftInput, async ({ ctx, input }) => {
  requireRole(ctx, "editor");
  const model = await findModel(ctx.db, ctx, input.key);
  const parsed = ModelDocument.safeParse(input.document);
  if (!parsed.success) {
    throw new InvalidDocumentError(
      parsed.error.issues.map((i) => ({
        path: formatPath(i.path),
        code: "invalid_shape" as const,
        message: i.message,
      })),
    );
  }
  const document = parsed.data;
  if (document.key !== model.key) {
    throw new InvalidDocumentError([
      {
        path: "key",
        code: "invalid_value",
        message: "The key of a model cannot change",
      },
    ]);
  }
  const [row] = await ctx.db
    .update(scoreModels)
    .set({
      draft: document,
      name: document.name,
      emoji: document.emoji,
      kind: document.kind,
      ...(input.layout === undefined ? {} : { layout: input.layout }),
      draftRevision: sql`${scoreModels.draftRevision} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(scoreModels.workspaceId, ctx.workspaceId),
        eq(scoreModels.id, model.id),
        eq(scoreModels.draftRevision, input.expectedRevision),
      ),
    )
    .returning({ draftRevision: scoreModels.draftRevision });
  if (!row) {
    throw new ConflictError(
      "This draft was changed elsewhere (another tab or person). Reload to see the latest version.",
      { currentRevision: model.draftRevision },
    );
  }
  return { draftRevision: row.draftRevision };
});
