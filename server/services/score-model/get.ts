import { z } from "zod";
import { and, desc, eq } from "drizzle-orm";
import { scoreModelVersions } from "../../../db/schema";
import { workspaceService } from "../../context";
import { listRegistry } from "../registry/load-registry";
import { canonicalJson, findModel, latestRun, scoreStats } from "./shared";

export const GetScoreModelInput = z.object({ key: z.string().min(1).max(64) });

/** One model: draft, published version, version list, stats, the latest run and the registry. */
export const getScoreModel = workspaceService(GetScoreModelInput, async ({ ctx, input }) => {
  const model = await findModel(ctx.db, ctx, input.key);
  const versions = await ctx.db
    .select()
    .from(scoreModelVersions)
    .where(
      and(
        eq(scoreModelVersions.workspaceId, ctx.workspaceId),
        eq(scoreModelVersions.modelId, model.id),
      ),
    )
    .orderBy(desc(scoreModelVersions.version));
  const published = versions[0] ?? null;
  const [stats, run, registry] = await Promise.all([
    scoreStats(ctx.db, ctx.workspaceId, model.id, published?.document ?? model.draft),
    latestRun(ctx.db, ctx.workspaceId, model.id),
    listRegistry(ctx.db, ctx.workspaceId),
  ]);
  return {
    id: model.id,
    key: model.key,
    name: model.name,
    emoji: model.emoji,
    kind: model.kind,
    enabled: model.enabled,
    enabledChangedAt: model.enabledChangedAt,
    draft: model.draft,
    draftRevision: model.draftRevision,
    /** Canvas metadata of the editor (positions); not part of the document. */
    layout: model.layout,
    hasDraftChanges: !published || canonicalJson(published.document) !== canonicalJson(model.draft),
    published: published && {
      version: published.version,
      document: published.document,
      note: published.note,
      publishedAt: published.publishedAt,
      publishedBy: published.publishedBy,
    },
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      publishedAt: v.publishedAt,
      publishedBy: v.publishedBy,
    })),
    stats,
    run: run && {
      status: run.status,
      processed: run.processed,
      total: run.total,
    },
    registry,
    scoringError: model.scoringError,
    scoringFailedAt: model.scoringFailedAt,
  };
});
