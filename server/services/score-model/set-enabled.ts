import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { scoreModels } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { scheduleRescore } from "../scoring/schedule-rescore";
import { findModel } from "./shared";

export const SetEnabledInput = z.object({
  key: z.string(),
  enabled: z.boolean(),
});
export type SetEnabledInput = z.infer<typeof SetEnabledInput>;

/**
 * Admins switch a model on or off. Off keeps the last stored scores (stale since
 * `enabledChangedAt`); on rescores everyone with the latest published version.
 */
export const setScoreModelEnabled = workspaceService(
  SetEnabledInput,
  async ({ ctx, input }): Promise<{ enabled: boolean; runId: string | null }> => {
    requireRole(ctx, "admin");
    const model = await findModel(ctx.db, ctx, input.key);
    if (model.enabled === input.enabled) return { enabled: model.enabled, runId: null };
    const runId = await ctx.db.transaction(async (tx) => {
      await tx
        .update(scoreModels)
        .set({
          enabled: input.enabled,
          enabledChangedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(and(eq(scoreModels.workspaceId, ctx.workspaceId), eq(scoreModels.id, model.id)));
      if (!input.enabled || !model.latestVersion) return null;
      const runId = await scheduleRescore(tx, ctx.workspaceId, model.id, model.latestVersion);
      // In the transaction: switched on means its rescore job exists.
      await ctx.queue.enqueueRescore({ workspaceId: ctx.workspaceId, runId }, { tx });
      return runId;
    });
    return { enabled: input.enabled, runId };
  },
);
