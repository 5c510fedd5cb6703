import { z } from "zod";
/**
 * One contact with a score per enabled model (SPEC §7 `GET /contacts/{externalId}`), computed at
 * request time with the reference evaluator (SPEC §4 "Freshness": single-contact reads are exact,
 * never the stored, possibly decayed-since values).
 */
import { evaluate } from "../../../core/scoring/evaluate";
import { workspaceService } from "../../context";
import { requireFiniteRaw } from "../scoring/model-health";
import { loadRegistry } from "../registry/load-registry";
import { activityTypesOf, findContact, loadContactActivities, loadPublishedModels } from "./shared";

export interface ContactScore {
  raw: number;
  score: number;
  stars: number;
  band: string;
  asOf: string;
}

export const GetContactInput = z.object({ externalId: z.string().min(1), at: z.date().optional() });

export const getContact = workspaceService(GetContactInput, async ({ ctx, input }) => {
  const contact = await findContact(ctx.db, ctx.workspaceId, input.externalId);
  const at = input.at ?? new Date();
  const [models, registry] = await Promise.all([
    loadPublishedModels(ctx.db, ctx.workspaceId, { enabledOnly: true }),
    loadRegistry(ctx.db, ctx.workspaceId),
  ]);
  const activities = await loadContactActivities(
    ctx.db,
    ctx.workspaceId,
    contact.id,
    activityTypesOf(models.map((m) => m.document)),
  );
  const scores: Record<string, ContactScore> = {};
  for (const model of models) {
    const result = evaluate(model.document, contact, activities, {
      at,
      registry,
      scaleReference: model.scaleReference,
    });
    requireFiniteRaw(result.raw, model.key);
    scores[model.key] = {
      raw: result.raw,
      score: result.score,
      stars: result.stars,
      band: result.band,
      asOf: at.toISOString(),
    };
  }
  return {
    externalId: contact.externalId,
    email: contact.email,
    createdAt: contact.createdAt.toISOString(),
    fields: contact.fields,
    scores,
  };
});
