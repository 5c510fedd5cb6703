import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { scoreModels, scoreModelVersions } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { ConflictError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { scheduleRescore } from "../scoring/schedule-rescore";
import { findModel } from "./shared";
import { requireValidDocument } from "./validate";

export const PublishScoreModelInput = z.object({
  key: z.string(),
  note: z.string().trim().max(500).optional(),
});
export type PublishScoreModelInput = z.infer<typeof PublishScoreModelInput>;

/**
 * Publishes the draft as the next immutable version (refusing it with every issue listed when it
 * is invalid) and, when the model is on, rescores every contact in the background.
 */
export const publishScoreModel = workspaceService(
  PublishScoreModelInput,
  async ({ ctx, input }): Promise<{ version: number; runId: string | null }> => {
    requireRole(ctx, "editor");
    const model = await findModel(ctx.db, ctx, input.key);
    const document = await requireValidDocument(ctx.db, ctx.workspaceId, model.draft);
    const version = (model.latestVersion ?? 0) + 1;

    const runId = await ctx.db
      .transaction(async (tx) => {
        await tx.insert(scoreModelVersions).values({
          workspaceId: ctx.workspaceId,
          modelId: model.id,
          version,
          document,
          note: input.note || null,
          publishedBy: ctx.actor.name,
        });
        const [updated] = await tx
          .update(scoreModels)
          .set({ latestVersion: version, updatedAt: new Date() })
          .where(
            and(
              eq(scoreModels.workspaceId, ctx.workspaceId),
              eq(scoreModels.id, model.id),
              sql`${scoreModels.latestVersion} is not distinct from ${model.latestVersion}`,
            ),
          )
          .returning({ id: scoreModels.id });
        if (!updated)
          throw new ConflictError("Someone published this model at the same time; reload");
        if (!model.enabled) return null;
        const runId = await scheduleRescore(tx, ctx.workspaceId, model.id, version);
        // In the transaction: the version and its rescore job commit together or not at all.
        await ctx.queue.enqueueRescore({ workspaceId: ctx.workspaceId, runId }, { tx });
        return runId;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw new ConflictError("Someone published this model at the same time; reload");
        }
        throw error;
      });
    return { version, runId };
  },
);
