import { and, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { systemService } from "../../context";
import { scoreModels } from "../../../db/schema";
import { log } from "../../log";
import { rescoreModel } from "./rescore-model";
import { scheduleRescore } from "./schedule-rescore";

/** The refresh instant defaults to now (tests pass their own). */
export const RefreshInput = z.object({ now: z.date().optional() }).optional().default({});

/**
 * The scheduled refresh: time passing changes scores on its own (decay halves points, inactivity
 * windows close), so every enabled model is fully rescored at the refresh instant, which also
 * recomputes the percentile reference R. Each model is one recorded run, so progress shows.
 */
export const refreshAllModels = systemService(RefreshInput, async ({ ctx, input }) => {
  const db = ctx.db;
  const models = await db
    .select({
      workspaceId: scoreModels.workspaceId,
      id: scoreModels.id,
      version: scoreModels.latestVersion,
    })
    .from(scoreModels)
    .where(and(eq(scoreModels.enabled, true), isNotNull(scoreModels.latestVersion)));
  let failed = 0;
  for (const model of models) {
    if (model.version === null) continue;
    // One model failing (its run records the failure) must not stop the others' refresh.
    try {
      const runId = await scheduleRescore(db, model.workspaceId, model.id, model.version);
      await rescoreModel({
        ctx,
        input: { workspaceId: model.workspaceId, runId, now: input.now },
      });
    } catch (error) {
      failed += 1;
      log.error("scheduled refresh of a model failed; the others continue", {
        workspaceId: model.workspaceId,
        modelId: model.id,
        err: error,
      });
    }
  }
  log.info("scheduled refresh finished", { models: models.length, failed });
  return { models: models.length, failed };
});
