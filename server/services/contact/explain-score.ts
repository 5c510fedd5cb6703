import { z } from "zod";
/**
 * The ledger of one contact's score under a model's latest published version at any instant
 * (SPEC §4 "Explanation", §7 `…/explain?at=`), enabled or not: explaining is reading.
 */
import { explain, type Explanation } from "../../../core/scoring/explain";
import { workspaceService } from "../../context";
import { NotFoundError } from "../../errors";
import { requireFiniteRaw } from "../scoring/model-health";
import { loadRegistry } from "../registry/load-registry";
import { findModel } from "../score-model/shared";
import { activityTypesOf, findContact, loadContactActivities, loadPublishedModels } from "./shared";

export const ExplainScoreInput = z.object({
  externalId: z.string().min(1),
  modelKey: z.string().min(1),
  at: z.date().optional(),
});

export const explainContactScore = workspaceService(
  ExplainScoreInput,
  async ({ ctx, input }): Promise<Explanation> => {
    const contact = await findContact(ctx.db, ctx.workspaceId, input.externalId);
    const [model] = await loadPublishedModels(ctx.db, ctx.workspaceId, { key: input.modelKey });
    if (!model) {
      // Tells "no such model" from "not published yet" (both 404: there is no score to explain).
      await findModel(ctx.db, ctx, input.modelKey);
      throw new NotFoundError(`A published version of "${input.modelKey}"`);
    }
    const registry = await loadRegistry(ctx.db, ctx.workspaceId);
    const activities = await loadContactActivities(
      ctx.db,
      ctx.workspaceId,
      contact.id,
      activityTypesOf([model.document]),
    );
    const ledger = explain(model.document, model.version, contact, activities, {
      at: input.at ?? new Date(),
      registry,
      scaleReference: model.scaleReference,
    });
    requireFiniteRaw(ledger.raw, model.key);
    return ledger;
  },
);
