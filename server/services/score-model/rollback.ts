import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { scoreModels, scoreModelVersions } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { NotFoundError } from "../../errors";
import { publishScoreModel } from "./publish";
import { findModel } from "./shared";

export const RollbackScoreModelInput = z.object({
  key: z.string().min(1).max(64),
  version: z.number().int().positive(),
  note: z.string().trim().max(500).optional(),
});
export type RollbackScoreModelInput = z.infer<typeof RollbackScoreModelInput>;

/**
 * Rolls back by publishing an old version's document again as a new version (versions stay
 * immutable and the history keeps every step). The draft becomes that document first, so the
 * editor shows what is live; unpublished draft edits are replaced.
 */
export const rollbackScoreModel = workspaceService(
  RollbackScoreModelInput,
  async ({
    ctx,
    input,
  }): Promise<{ version: number; runId: string | null; draftRevision: number }> => {
    requireRole(ctx, "editor");
    const model = await findModel(ctx.db, ctx, input.key);
    const [old] = await ctx.db
      .select({ document: scoreModelVersions.document })
      .from(scoreModelVersions)
      .where(
        and(
          eq(scoreModelVersions.workspaceId, ctx.workspaceId),
          eq(scoreModelVersions.modelId, model.id),
          eq(scoreModelVersions.version, input.version),
        ),
      );
    if (!old) throw new NotFoundError(`Version ${input.version} of "${model.key}"`);
    const [row] = await ctx.db
      .update(scoreModels)
      .set({
        draft: old.document,
        name: old.document.name,
        emoji: old.document.emoji,
        kind: old.document.kind,
        draftRevision: sql`${scoreModels.draftRevision} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(scoreModels.workspaceId, ctx.workspaceId), eq(scoreModels.id, model.id)))
      .returning({ draftRevision: scoreModels.draftRevision });
    if (!row) throw new NotFoundError(`Score model "${input.key}"`);
    const published = await publishScoreModel({
      ctx,
      input: { key: input.key, note: input.note || `Rolled back to v${input.version}` },
    });
    return { ...published, draftRevision: row.draftRevision };
  },
);
