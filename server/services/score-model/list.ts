import { and, asc, eq } from "drizzle-orm";
import { scoreModels, scoreModelVersions } from "../../../db/schema";
import { workspaceService, NoInput } from "../../context";
import { canonicalJson, latestRunsByModel, scoreStatsByModel } from "./shared";

/** Every model of the workspace with its switch, latest version, and score distribution. */
export const listScoreModels = workspaceService(NoInput, async ({ ctx }) => {
  const models = await ctx.db
    .select()
    .from(scoreModels)
    .where(eq(scoreModels.workspaceId, ctx.workspaceId))
    .orderBy(asc(scoreModels.createdAt), asc(scoreModels.key));
  const [stats, runs, versions] = await Promise.all([
    scoreStatsByModel(ctx.db, ctx.workspaceId),
    latestRunsByModel(ctx.db, ctx.workspaceId),
    ctx.db
      .select({
        modelId: scoreModelVersions.modelId,
        version: scoreModelVersions.version,
        document: scoreModelVersions.document,
        publishedAt: scoreModelVersions.publishedAt,
      })
      .from(scoreModelVersions)
      .innerJoin(
        scoreModels,
        and(
          eq(scoreModels.workspaceId, scoreModelVersions.workspaceId),
          eq(scoreModels.id, scoreModelVersions.modelId),
          eq(scoreModels.latestVersion, scoreModelVersions.version),
        ),
      )
      .where(eq(scoreModelVersions.workspaceId, ctx.workspaceId)),
  ]);
  const latestByModel = new Map(versions.map((v) => [v.modelId, v]));

  return models.map((m) => {
    const latest = latestByModel.get(m.id) ?? null;
    const document = latest?.document ?? m.draft;
    const modelStats = stats.filter((s) => s.model_id === m.id);
    const counts = new Map(modelStats.map((s) => [s.band, Number(s.count)]));
    const asOf = modelStats
      .map((s) => (s.as_of ? new Date(s.as_of).getTime() : 0))
      .reduce((a, b) => Math.max(a, b), 0);
    const run = runs.get(m.id);
    return {
      id: m.id,
      key: m.key,
      name: m.name,
      emoji: m.emoji,
      kind: m.kind,
      enabled: m.enabled,
      enabledChangedAt: m.enabledChangedAt,
      latestVersion: m.latestVersion,
      publishedAt: latest?.publishedAt ?? null,
      hasDraftChanges: !latest || canonicalJson(latest.document) !== canonicalJson(m.draft),
      contactsScored: modelStats.reduce((sum, s) => sum + Number(s.count), 0),
      asOf: asOf ? new Date(asOf) : null,
      bands: document.bands.map((b) => ({
        ...b,
        count: counts.get(b.label) ?? 0,
      })),
      run: run ? { status: run.status, processed: run.processed, total: run.total } : null,
      scoringError: m.scoringError,
      scoringFailedAt: m.scoringFailedAt,
    };
  });
});
