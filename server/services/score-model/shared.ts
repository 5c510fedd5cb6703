import { and, desc, eq, sql } from "drizzle-orm";
import { DEFAULT_BANDS, MODEL_FORMAT, type ModelDocument } from "../../../core/scoring/document";
import { query, type Executor } from "../../../db";
import { scoreModels, scoreRuns, scores } from "../../../db/schema";
import type { ServiceContext } from "../../context";
import { NotFoundError } from "../../errors";

export type ScoreModelRow = typeof scoreModels.$inferSelect;

/** The model with this key in the actor's workspace, or NOT_FOUND (also for other workspaces' keys). */
export async function findModel(
  db: Executor,
  ctx: Pick<ServiceContext, "workspaceId">,
  key: string,
) {
  const [model] = await db
    .select()
    .from(scoreModels)
    .where(and(eq(scoreModels.workspaceId, ctx.workspaceId), eq(scoreModels.key, key)))
    .limit(1);
  if (!model) throw new NotFoundError(`Score model "${key}"`);
  return model;
}

export function newDraftDocument(input: {
  key: string;
  name: string;
  emoji: string;
  kind: ModelDocument["kind"];
}): ModelDocument {
  return {
    format: MODEL_FORMAT,
    key: input.key,
    name: input.name,
    emoji: input.emoji,
    kind: input.kind,
    halfLifeDays: 30,
    decay: "exponential",
    scale: { kind: "fixed", maxPoints: 100 },
    bands: DEFAULT_BANDS,
    criteria: [],
  };
}

/** Canonical JSON for comparing documents regardless of key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export interface RunSummary {
  id: string;
  version: number;
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  processed: number;
  total: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export async function latestRun(
  db: Executor,
  workspaceId: string,
  modelId: string,
): Promise<RunSummary | null> {
  const [run] = await db
    .select({
      id: scoreRuns.id,
      version: scoreRuns.version,
      status: scoreRuns.status,
      processed: scoreRuns.processed,
      total: scoreRuns.total,
      error: scoreRuns.error,
      createdAt: scoreRuns.createdAt,
      finishedAt: scoreRuns.finishedAt,
    })
    .from(scoreRuns)
    .where(and(eq(scoreRuns.workspaceId, workspaceId), eq(scoreRuns.modelId, modelId)))
    .orderBy(desc(scoreRuns.createdAt))
    .limit(1);
  return run ?? null;
}

/** The newest run of every model of a workspace, keyed by model id. */
export async function latestRunsByModel(db: Executor, workspaceId: string) {
  const rows = await db
    .selectDistinctOn([scoreRuns.modelId], {
      modelId: scoreRuns.modelId,
      status: scoreRuns.status,
      processed: scoreRuns.processed,
      total: scoreRuns.total,
    })
    .from(scoreRuns)
    .where(eq(scoreRuns.workspaceId, workspaceId))
    .orderBy(scoreRuns.modelId, desc(scoreRuns.createdAt));
  return new Map(rows.map((r) => [r.modelId, r]));
}

export interface BandCount {
  label: string;
  color: string;
  min: number;
  count: number;
}

export interface ScoreStats {
  contactsScored: number;
  asOf: Date | null;
  bands: BandCount[];
}

/**
 * Contacts scored and the band distribution of one model's stored scores, in the order of the
 * document's bands (bands no contact falls in are listed with 0).
 */
export async function scoreStats(
  db: Executor,
  workspaceId: string,
  modelId: string,
  document: ModelDocument,
): Promise<ScoreStats> {
  const rows = await db
    .select({
      band: scores.band,
      count: sql<number>`count(*)::int`,
      asOf: sql<Date | null>`max(${scores.asOf})`,
    })
    .from(scores)
    .where(and(eq(scores.workspaceId, workspaceId), eq(scores.modelId, modelId)))
    .groupBy(scores.band);
  const byLabel = new Map(rows.map((r) => [r.band, Number(r.count)]));
  const asOfValues = rows.map((r) => (r.asOf ? new Date(r.asOf) : null)).filter((d) => d !== null);
  return {
    contactsScored: rows.reduce((sum, r) => sum + Number(r.count), 0),
    asOf: asOfValues.length ? new Date(Math.max(...asOfValues.map((d) => d.getTime()))) : null,
    bands: document.bands.map((b) => ({
      ...b,
      count: byLabel.get(b.label) ?? 0,
    })),
  };
}

/** Band counts for every model of a workspace in one grouped query (the models list). */
export async function scoreStatsByModel(db: Executor, workspaceId: string) {
  return query<{
    model_id: string;
    band: string;
    count: number;
    as_of: Date | string | null;
  }>(
    db,
    sql`select ${scores.modelId} as model_id, ${scores.band} as band, count(*)::int as count,
               max(${scores.asOf}) as as_of
          from ${scores}
         where ${scores.workspaceId} = ${workspaceId}::uuid
         group by 1, 2`,
  );
}
