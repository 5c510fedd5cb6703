/**
 * The results: their JSON shape and the human-readable Markdown table.
 */
import type { DatabaseKind } from "../../db";
import type { BaselineMode } from "./options";
import type { Comparison, Timing } from "./measure";

export interface MachineFacts {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  totalMemoryGiB: number;
  /** 1/5/15-minute load averages when the run started and ended (other work on the machine). */
  loadAverageStart: number[];
  loadAverageEnd: number[];
  gitCommit: string | null;
  packages: Record<string, string | null>;
}

export interface BaselineFigures extends Timing {
  /** Contacts actually timed (all of them, or the sample). */
  contactsTimed: number;
  /** True when `ms` is extrapolated from a sample to every contact (ms × contacts / contactsTimed). */
  extrapolated: boolean;
  /** The median of the timed runs over the sample, before extrapolation. */
  measuredMs: number;
  contactsPerSecond: number;
  /** Median share of the baseline's time in activity queries, JS `evaluate` and upserts. */
  share: { read: number; evaluate: number; write: number };
}

export interface SetBasedFigures extends Timing {
  chunkSize: number | "default";
  contactsPerSecond: number;
}

export interface ChunkFigures extends Timing {
  chunkSize: number;
  chunks: number;
  /** ms at this chunk size ÷ ms at the default chunk size (< 1: faster than the default). */
  ratioToDefault: number;
  /** Per repetition, this size ÷ the default size in the same round. */
  pairedRatios: number[];
}

export interface ModelResult {
  key: string;
  scale: "fixed" | "percentile";
  contacts: number;
  /** All activities of the workspace, and those of the model's activity types up to T. */
  activities: number;
  activitiesOfModelTypes: number;
  baseline: BaselineFigures | null;
  setBased: SetBasedFigures;
  /** baseline ms ÷ set-based ms (how many times faster the product's path is); null without baseline. */
  ratioBaselineToSetBased: number | null;
  /**
   * Per repetition, baseline ÷ set-based of the same round (the two are interleaved, so slow
   * phases of a shared machine hit both): the spread of the ratio.
   */
  pairedRatios: number[] | null;
  chunkSweep: ChunkFigures[];
  correctness: Comparison | null;
}

export interface DatabaseResult {
  kind: DatabaseKind;
  version: string;
  contacts: number;
  activities: number;
  setupMs: Record<string, number>;
  models: ModelResult[];
}

export interface BenchResults {
  benchmark: "rescore";
  date: string;
  command: string;
  options: {
    scale: number;
    runs: number;
    warmups: 1;
    baseline: BaselineMode;
    baselineSample: number | null;
    defaultChunkSize: number | null;
    chunkSizes: number[];
    at: string;
  };
  machine: MachineFacts;
  databases: DatabaseResult[];
  /** Set-based ms on PGlite ÷ on Postgres, per model (only when both were measured). */
  pgliteToPostgres: Record<string, { setBased: number; baseline: number | null }> | null;
  totalMs: number;
  notes: string[];
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => (n >= 100 ? int(n) : n.toFixed(1));
const x = (n: number | null) => (n === null || Number.isNaN(n) ? "–" : `×${n}`);
const spread = (values: number[] | null) => {
  if (!values || values.length < 2) return "";
  const finite = values.filter((v) => Number.isFinite(v));
  return ` (${x(Math.min(...finite))}–${x(Math.max(...finite))})`;
};
const sci = (n: number | null) => (n === null ? "–" : n === 0 ? "0" : n.toExponential(1));

export function renderMarkdown(r: BenchResults): string {
  const lines: string[] = [];
  const defaultLabel = r.options.defaultChunkSize
    ? `default (${int(r.options.defaultChunkSize)})`
    : "default";
  lines.push(`# Full rescore benchmark`);
  lines.push("");
  lines.push(
    `${r.date} · \`${r.command}\` · scale ${r.options.scale} · median of ${r.options.runs} runs after 1 warm-up · total ${int(r.totalMs / 1000)} s`,
  );
  lines.push("");
  lines.push(
    `Ratios are of medians; in brackets the range of the per-round ratios (baseline and set-based ` +
      `runs alternate, so each round compares runs made moments apart).`,
  );
  lines.push("");
  lines.push(
    `Figures are ratios against a baseline measured in the same run. **Baseline** = the naive ` +
      `rescore (one activity query, a JS \`evaluate\` and one upsert per contact). **Set-based** = ` +
      `\`rescoreModel\` (compiled SQL per chunk of contacts, ${defaultLabel} chunk size). ` +
      `Absolute times are for orientation only: they depend on the machine and its load.`,
  );
  for (const d of r.databases) {
    lines.push("");
    lines.push(`## ${d.kind === "pglite" ? "PGlite (embedded)" : "Postgres server"}`);
    lines.push("");
    lines.push(`${d.version}`);
    lines.push("");
    lines.push(
      `| Model | Contacts | Activities (model types) | Baseline ms | Set-based ms | Baseline contacts/s | Set-based contacts/s | **Baseline ÷ set-based** | max \\|Δraw\\| |`,
    );
    lines.push(`|---|--:|--:|--:|--:|--:|--:|--:|--:|`);
    for (const m of d.models) {
      const b = m.baseline;
      const bms = b ? `${ms(b.ms)}${b.extrapolated ? "*" : ""}` : "–";
      const bcps = b ? `${int(b.contactsPerSecond)}` : "–";
      lines.push(
        `| ${m.key} (${m.scale}) | ${int(m.contacts)} | ${int(m.activities)} (${int(m.activitiesOfModelTypes)}) | ${bms} | ${ms(m.setBased.ms)} | ${bcps} | ${int(m.setBased.contactsPerSecond)} | **${x(m.ratioBaselineToSetBased)}**${b?.extrapolated ? "*" : ""}${spread(m.pairedRatios)} | ${sci(m.correctness?.maxAbsDiffRaw ?? null)} |`,
      );
    }
    const split = d.models.filter((m) => m.baseline);
    if (split.length > 0) {
      const pct = (n: number) => `${Math.round(n * 100)}%`;
      lines.push("");
      lines.push(
        `Baseline time split (activity queries / JS evaluate / upserts): ${split
          .map(
            (m) =>
              `${m.key} ${pct(m.baseline!.share.read)} / ${pct(m.baseline!.share.evaluate)} / ${pct(m.baseline!.share.write)}`,
          )
          .join("; ")}.`,
      );
    }
    if (d.models.some((m) => m.baseline?.extrapolated)) {
      const sample = d.models.find((m) => m.baseline?.extrapolated)?.baseline?.contactsTimed ?? 0;
      lines.push("");
      lines.push(
        `\\* extrapolated: the baseline was timed on the first ${int(sample)} contacts and scaled linearly to all ${int(d.contacts)}.`,
      );
    }
    const sizes = [...new Set(d.models.flatMap((m) => m.chunkSweep.map((c) => c.chunkSize)))];
    if (sizes.length > 0) {
      lines.push("");
      lines.push(
        `Chunk-size sweep (set-based ms at each size ÷ ms at the ${defaultLabel} size; < 1 is faster):`,
      );
      lines.push("");
      lines.push(`| Model | ${defaultLabel} ms | ${sizes.map((s) => `${int(s)}`).join(" | ")} |`);
      lines.push(`|---|--:|${sizes.map(() => "--:").join("|")}|`);
      for (const m of d.models) {
        const cells = sizes.map((s) => {
          const c = m.chunkSweep.find((k) => k.chunkSize === s);
          return c
            ? `${x(c.ratioToDefault)}${spread(c.pairedRatios)} · ${ms(c.ms)} ms, ${c.chunks} chunk${c.chunks === 1 ? "" : "s"}`
            : "–";
        });
        const size = r.options.defaultChunkSize;
        const chunks = size ? Math.ceil(m.contacts / size) : null;
        lines.push(
          `| ${m.key} | ${ms(m.setBased.ms)}${chunks ? ` · ${chunks} chunk${chunks === 1 ? "" : "s"}` : ""} | ${cells.join(" | ")} |`,
        );
      }
    }
    lines.push("");
    lines.push(`Correctness (stored scores of both methods, SPEC §4 tolerance 1e-9 abs. or rel.):`);
    lines.push("");
    lines.push(
      `| Model | Compared | Missing | max \\|Δraw\\| | max \\|Δscore\\| | Stars ≠ | Band ≠ | Within tolerance |`,
    );
    lines.push(`|---|--:|--:|--:|--:|--:|--:|---|`);
    for (const m of d.models) {
      const c = m.correctness;
      if (!c) {
        lines.push(`| ${m.key} | – | – | – | – | – | – | not checked (no baseline) |`);
        continue;
      }
      lines.push(
        `| ${m.key} | ${int(c.compared)} | ${c.missing} | ${sci(c.maxAbsDiffRaw)} | ${sci(c.maxAbsDiffScore)} | ${c.starsMismatches ?? "–"} | ${c.bandMismatches ?? "–"} | ${c.withinTolerance ? "yes" : "**no**"}${c.note ? ` (${c.note})` : ""} |`,
      );
    }
    lines.push("");
    lines.push(
      `Setup (not timed above): ${Object.entries(d.setupMs)
        .map(([k, v]) => `${k} ${ms(v)} ms`)
        .join(", ")}.`,
    );
  }
  if (r.pgliteToPostgres) {
    lines.push("");
    lines.push(`## PGlite ÷ Postgres (same run)`);
    lines.push("");
    lines.push(`| Model | Set-based | Baseline |`);
    lines.push(`|---|--:|--:|`);
    for (const [key, v] of Object.entries(r.pgliteToPostgres)) {
      lines.push(`| ${key} | ${x(v.setBased)} | ${x(v.baseline)} |`);
    }
  }
  lines.push("");
  lines.push(`## Machine`);
  lines.push("");
  const m = r.machine;
  lines.push(
    `- Node ${m.node} on ${m.platform}, ${m.cpus} CPUs (${m.cpuModel}), ${m.totalMemoryGiB} GiB RAM`,
  );
  lines.push(
    `- Load average (1/5/15 min) at start ${m.loadAverageStart.join(" / ")}, at end ${m.loadAverageEnd.join(" / ")}`,
  );
  lines.push(`- Commit ${m.gitCommit ?? "unknown"}`);
  lines.push(
    `- ${Object.entries(m.packages)
      .map(([k, v]) => `${k} ${v ?? "?"}`)
      .join(", ")}`,
  );
  for (const d of r.databases) lines.push(`- ${d.kind}: ${d.version}`);
  if (r.notes.length > 0) {
    lines.push("");
    lines.push(`## Notes`);
    lines.push("");
    for (const n of r.notes) lines.push(`- ${n}`);
  }
  lines.push("");
  return lines.join("\n");
}
