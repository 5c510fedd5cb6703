import { and, eq } from "drizzle-orm";
import type { ModelDocument } from "../../../core/scoring/document";
import type { Executor } from "../../../db";
import { scoreModels, scoreModelVersions } from "../../../db/schema";

export interface PublishedModel {
  id: string;
  key: string;
  version: number;
  document: ModelDocument;
  scaleReference: number | null;
  /** Set while the model's scoring is failing (model-health.ts). */
  scoringError: string | null;
}

/** The latest published version of each model (only enabled models, or one model by key). */
export async function loadPublishedModels(
  db: Executor,
  workspaceId: string,
  filter: { enabledOnly: true } | { key: string },
): Promise<PublishedModel[]> {
  const rows = await db
    .select({
      id: scoreModels.id,
      key: scoreModels.key,
      version: scoreModelVersions.version,
      document: scoreModelVersions.document,
      scaleReference: scoreModels.scaleReference,
      scoringError: scoreModels.scoringError,
    })
    .from(scoreModels)
    .innerJoin(
      scoreModelVersions,
      and(
        eq(scoreModelVersions.workspaceId, scoreModels.workspaceId),
        eq(scoreModelVersions.modelId, scoreModels.id),
        eq(scoreModelVersions.version, scoreModels.latestVersion),
      ),
    )
    .where(
      and(
        eq(scoreModels.workspaceId, workspaceId),
        "key" in filter ? eq(scoreModels.key, filter.key) : eq(scoreModels.enabled, true),
      ),
    )
    .orderBy(scoreModels.key);
  return rows;
}

/** Activity types a model reads (activity and inactivity criteria). */
export function activityTypesOf(documents: readonly ModelDocument[]): string[] {
  const types = new Set<string>();
  for (const doc of documents) {
    for (const c of doc.criteria) if (c.kind !== "filter") types.add(c.activity);
  }
  return [...types];
}
