import { sql } from "drizzle-orm";
import { z } from "zod";
import { compilePercentileReference, compileScoreQuery } from "../../../core/scoring/compile-sql";
import type { ModelDocument } from "../../../core/scoring/document";
import { validateModel, type ValidationIssue } from "../../../core/scoring/validate";
import { query } from "../../../db";
import { contacts, scoreModelVersions, scores } from "../../../db/schema";
import { requireRole, type ServiceContext, workspaceService } from "../../context";
import { loadRegistry } from "../registry/load-registry";
import { findModel } from "./shared";

export const PreviewScoreModelInput = z.object({
  key: z.string().min(1).max(64),
  document: z.unknown(),
});
export type PreviewScoreModelInput = z.infer<typeof PreviewScoreModelInput>;

/** The service's input: the edge's, plus sampling thresholds tests shrink (not sent by clients). */
const PreviewServiceInput = PreviewScoreModelInput.extend({
  sampling: z
    .object({
      fullLimit: z.number().int().positive().optional(),
      sampleSize: z.number().int().positive().optional(),
    })
    .optional(),
});

/** Above this many contacts the preview scores a sample instead of everyone. */
export const PREVIEW_FULL_LIMIT = 20_000;
export const PREVIEW_SAMPLE_SIZE = 10_000;
export const HISTOGRAM_BINS = 20;

export interface PreviewBand {
  label: string;
  color: string;
  min: number;
  count: number;
}

export interface PreviewResult {
  ok: true;
  /** Contacts scored: everyone, or the sample. */
  scored: number;
  /** Contacts in the workspace. */
  population: number;
  /** Present when a sample was scored: ± percentage points at 95% for any share shown. */
  sample: { size: number; marginPct: number } | null;
  /** 20 bins of 5 points over 0–100 (the last includes 100). */
  histogram: number[];
  bands: PreviewBand[];
  /** Against the stored scores of the published version; null when nothing is published. */
  moves: { version: number; up: number; down: number; same: number; unscored: number } | null;
  scaleReference: number | null;
  at: Date;
  tookMs: number;
}

export type PreviewResponse = PreviewResult | { ok: false; issues: ValidationIssue[] };

/**
 * Scores a draft document against the workspace's real contacts without storing anything, and
 * aggregates in SQL: a 20-bin histogram, band sizes and band moves against the stored scores.
 * Invalid documents return their issues (the editor shows them) rather than an error.
 *
 * Large workspaces are sampled: a fixed pseudo-random set of contacts (ordered by a hash of their
 * id, so the same sample every time and the preview does not jitter between edits). The margin is
 * the worst case (p = 0.5) of a proportion at 95% with the finite-population correction.
 */
export const previewScoreModel = workspaceService(
  PreviewServiceInput,
  async ({ ctx, input }): Promise<PreviewResponse> => {
    requireRole(ctx, "viewer");
    const started = performance.now();
    const model = await findModel(ctx.db, ctx, input.key);
    const registry = await loadRegistry(ctx.db, ctx.workspaceId);
    const validated = validateModel(input.document, registry);
    if (!validated.ok) return { ok: false, issues: validated.issues };
    const document = validated.document;
    const at = new Date();
    const { workspaceId } = ctx;

    const [{ population } = { population: 0 }] = await query<{ population: number }>(
      ctx.db,
      sql`select count(*)::int as population from ${contacts} where ${contacts.workspaceId} = ${workspaceId}::uuid`,
    );
    const total = Number(population);
    let contactIds: number[] | undefined;
    if (total > (input.sampling?.fullLimit ?? PREVIEW_FULL_LIMIT)) {
      const rows = await query<{ id: number | string }>(
        ctx.db,
        sql`select ${contacts.id} as id from ${contacts}
           where ${contacts.workspaceId} = ${workspaceId}::uuid
           order by md5(${contacts.id}::text), ${contacts.id}
           limit ${input.sampling?.sampleSize ?? PREVIEW_SAMPLE_SIZE}`,
      );
      contactIds = rows.map((r) => Number(r.id));
    }

    let scaleReference: number | null = null;
    if (document.scale.kind === "percentile") {
      const [row] = await query<{ reference: number | string | null }>(
        ctx.db,
        compilePercentileReference(document, { workspaceId, at, registry, contactIds }),
      );
      scaleReference = row?.reference == null ? null : Number(row.reference);
    }

    const published = model.latestVersion
      ? await publishedDocument(ctx, model.id, model.latestVersion)
      : null;
    const scoreQuery = compileScoreQuery(document, {
      workspaceId,
      at,
      registry,
      scaleReference,
      contactIds,
    });
    const draftRank = bandRank(sql`s.band`, document.bands);
    const publishedRank = published ? bandRank(sql`p.band`, published.bands) : sql`NULL::int`;
    // One row per (bin, draft band, published band): at most 20 × B × (B' + 1) rows, never per contact.
    const rows = await query<{
      bin: number;
      draft_rank: number;
      published_rank: number | null;
      n: number;
    }>(
      ctx.db,
      sql`select least(floor(s.score / 5)::int, ${HISTOGRAM_BINS - 1}::int) as bin,
               ${draftRank} as draft_rank, ${publishedRank} as published_rank,
               count(*)::int as n
          from (${scoreQuery}) s
          left join ${scores} p
            on p.workspace_id = ${workspaceId}::uuid and p.model_id = ${model.id}::uuid
           and p.contact_id = s.contact_id
         group by 1, 2, 3`,
    );

    const histogram = Array.from({ length: HISTOGRAM_BINS }, () => 0);
    const bandCounts = document.bands.map(() => 0);
    const moves = { up: 0, down: 0, same: 0, unscored: 0 };
    let scored = 0;
    for (const r of rows) {
      const n = Number(r.n);
      scored += n;
      const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Number(r.bin)));
      histogram[bin] = (histogram[bin] ?? 0) + n;
      const d = Number(r.draft_rank);
      if (d >= 0 && d < bandCounts.length) bandCounts[d] = (bandCounts[d] ?? 0) + n;
      if (r.published_rank === null || Number(r.published_rank) < 0) moves.unscored += n;
      else if (d > Number(r.published_rank)) moves.up += n;
      else if (d < Number(r.published_rank)) moves.down += n;
      else moves.same += n;
    }

    const sample =
      contactIds === undefined
        ? null
        : { size: contactIds.length, marginPct: marginOfError(contactIds.length, total) };
    return {
      ok: true,
      scored,
      population: total,
      sample,
      histogram,
      bands: document.bands.map((b, i) => ({ ...b, count: bandCounts[i] ?? 0 })),
      moves: published && model.latestVersion ? { version: model.latestVersion, ...moves } : null,
      scaleReference,
      at,
      tookMs: Math.round(performance.now() - started),
    };
  },
);

async function publishedDocument(
  ctx: ServiceContext,
  modelId: string,
  version: number,
): Promise<ModelDocument | null> {
  const [row] = await query<{ document: ModelDocument | string }>(
    ctx.db,
    sql`select ${scoreModelVersions.document} as document from ${scoreModelVersions}
         where ${scoreModelVersions.workspaceId} = ${ctx.workspaceId}::uuid
           and ${scoreModelVersions.modelId} = ${modelId}::uuid
           and ${scoreModelVersions.version} = ${version}::int`,
  );
  if (!row) return null;
  return typeof row.document === "string"
    ? (JSON.parse(row.document) as ModelDocument)
    : row.document;
}

/**
 * A band label's position in its document's bands (−1 when unknown). Moves compare positions, so
 * a renamed band is not a move while a contact crossing into the next band up is.
 */
function bandRank(label: ReturnType<typeof sql>, bands: ModelDocument["bands"]) {
  if (bands.length === 0) return sql`-1`;
  const whens = bands.map((b, i) => sql`when ${b.label}::text then ${i}::int`);
  return sql`(case ${label} ${sql.join(whens, sql` `)} else -1 end)`;
}

/** ± percentage points at 95% for a proportion from a simple random sample of n out of N. */
export function marginOfError(n: number, N: number): number {
  if (n <= 0) return 100;
  const fpc = N > 1 ? Math.sqrt(Math.max(0, N - n) / (N - 1)) : 0;
  return Math.round(1.96 * Math.sqrt(0.25 / n) * fpc * 1000) / 10;
}
