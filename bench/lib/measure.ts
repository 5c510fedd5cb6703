/**
 * Measuring helpers: the set-based run (the product's `rescoreModel`), stored-score snapshots and
 * their comparison, housekeeping between timed runs, and medians.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { query, type Db } from "../../db";
import { scoreRuns, scores } from "../../db/schema";
import { rescoreModel } from "../../server/services/scoring/rescore-model";
import { scheduleRescore } from "../../server/services/scoring/schedule-rescore";
import type { PublishedModel } from "./dataset";

/** Runs the product's full rescore of `model` (a fresh run row, as a publish would create). */
export async function setBasedRescore(
  db: Db,
  workspaceId: string,
  model: PublishedModel,
  at: Date,
  chunkSize: number | undefined,
): Promise<number> {
  const runId = await scheduleRescore(db, workspaceId, model.modelId, model.version);
  const t0 = performance.now();
  await rescoreModel({ ctx: { db: db }, input: { workspaceId, runId, now: at, chunkSize } });
  const ms = performance.now() - t0;
  const [run] = await db
    .select({ status: scoreRuns.status, processed: scoreRuns.processed, error: scoreRuns.error })
    .from(scoreRuns)
    .where(and(eq(scoreRuns.workspaceId, workspaceId), eq(scoreRuns.id, runId)));
  if (run?.status !== "succeeded")
    throw new Error(
      `rescore of ${model.key} ended ${run?.status ?? "missing"}: ${run?.error ?? ""}`,
    );
  return ms;
}

/**
 * The default chunk size of `rescoreModel`, read from its source for the report's label
 * (null when the pattern is not found; the runs themselves pass no chunk size).
 */
export function defaultChunkSize(): number | null {
  try {
    const source = readFileSync(
      path.join(process.cwd(), "server", "services", "scoring", "rescore-model.ts"),
      "utf8",
    );
    const match = /chunkSize\s*\?\?\s*([\d_]+)/.exec(source);
    return match?.[1] ? Number(match[1].replace(/_/g, "")) : null;
  } catch {
    return null;
  }
}

export interface StoredScore {
  raw: number;
  score: number;
  stars: number;
  band: string;
}

export async function snapshotScores(
  db: Db,
  workspaceId: string,
  modelId: string,
): Promise<Map<number, StoredScore>> {
  const rows = await query<{
    contact_id: number | string;
    raw: number | string;
    score: number | string;
    stars: number | string;
    band: string;
  }>(
    db,
    sql`select contact_id, raw, score, stars, band from ${scores}
         where workspace_id = ${workspaceId}::uuid and model_id = ${modelId}::uuid`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.contact_id),
      { raw: Number(r.raw), score: Number(r.score), stars: Number(r.stars), band: r.band },
    ]),
  );
}

export async function clearScores(db: Db, workspaceId: string, modelId: string) {
  await db
    .delete(scores)
    .where(and(eq(scores.workspaceId, workspaceId), eq(scores.modelId, modelId)));
}

export interface Comparison {
  /** Contacts stored by the baseline (all, or the sample) and compared. */
  compared: number;
  /** Of those, contacts the set-based run did not store. */
  missing: number;
  maxAbsDiffRaw: number;
  maxAbsDiffScore: number | null;
  starsMismatches: number | null;
  bandMismatches: number | null;
  /** Every raw (and score, when compared) within SPEC §4's 1e-9 absolute-or-relative tolerance. */
  withinTolerance: boolean;
  /** Why score/stars/band were not compared, if so. */
  note?: string;
}

const TOLERANCE = 1e-9;
const close = (a: number, b: number) =>
  Math.abs(a - b) <= Math.max(TOLERANCE, TOLERANCE * Math.max(Math.abs(a), Math.abs(b)));

export function compareScores(
  baseline: Map<number, StoredScore>,
  setBased: Map<number, StoredScore>,
  options: { compareScores: boolean; note?: string },
): Comparison {
  let missing = 0;
  let maxRaw = 0;
  let maxScore = 0;
  let stars = 0;
  let bands = 0;
  let ok = true;
  for (const [id, b] of baseline) {
    const s = setBased.get(id);
    if (!s) {
      missing++;
      ok = false;
      continue;
    }
    maxRaw = Math.max(maxRaw, Math.abs(b.raw - s.raw));
    if (!close(b.raw, s.raw)) ok = false;
    if (options.compareScores) {
      maxScore = Math.max(maxScore, Math.abs(b.score - s.score));
      if (!close(b.score, s.score)) ok = false;
      if (b.stars !== s.stars) stars++;
      if (b.band !== s.band) bands++;
    }
  }
  return {
    compared: baseline.size,
    missing,
    maxAbsDiffRaw: maxRaw,
    maxAbsDiffScore: options.compareScores ? maxScore : null,
    starsMismatches: options.compareScores ? stars : null,
    bandMismatches: options.compareScores ? bands : null,
    withinTolerance: ok,
    ...(options.note ? { note: options.note } : {}),
  };
}

/** Untimed housekeeping before each timed run: dead tuples from the previous upserts go away. */
export async function vacuumScores(db: Db) {
  await db.execute(sql`vacuum (analyze) scores, score_runs`);
}

export interface Timing {
  /** Median of the timed runs (ms). */
  ms: number;
  min: number;
  max: number;
  runs: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function timing(runs: number[]): Timing {
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    ms: round(median(runs)),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
    runs: runs.map(round),
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A ratio with 3 significant digits. */
export function ratio(a: number, b: number): number {
  if (!(b > 0)) return NaN;
  return Number((a / b).toPrecision(3));
}
