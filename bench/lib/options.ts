/**
 * Command-line options of `npm run bench` (rescore benchmark). See bench/README.md.
 */
import { parseArgs } from "node:util";
import type { DatabaseKind } from "../../db";

export type BaselineMode = "full" | "sample" | "none";

export interface BenchOptions {
  /** Copies of the demo data (1 = 3,000 contacts / ~110k activities). */
  scale: number;
  /** Databases to measure, in order. */
  databases: DatabaseKind[];
  /** Timed repetitions per measurement (the median is reported); one warm-up precedes them. */
  runs: number;
  /** Extra chunk sizes tried besides the default one of `rescoreModel`. */
  chunkSizes: number[];
  /** Baseline over every contact, over the first `sample` contacts (extrapolated), or not at all. */
  baseline: BaselineMode;
  sample: number;
  /** Model keys of DEMO_MODELS to measure (default: all). */
  models: string[] | null;
  /** Results file base name in bench/results/ (without extension). */
  out: string;
}

const USAGE = `usage: npm run bench -- [options]
  --scale N          copies of the demo data (default 1: 3,000 contacts, ~110k activities)
  --only KIND        pglite | postgres (default: both)
  --runs N           timed runs per measurement, median reported (default 3; 1 warm-up before)
  --chunks A,B,…     chunk sizes to sweep besides the default (default 500,1000,20000)
  --baseline MODE    full | sample | none (default: full at scale 1, sample above)
  --sample N         contacts timed by a sampled baseline (default 2000)
  --models a,b       model keys (default: lead,engagement,health)
  --out NAME         results base name in bench/results/ (default: rescore[-scaleN][-KIND])
The Postgres server is TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test);
a throwaway database is created on it and dropped afterwards.`;

function positiveInt(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

export class UsageError extends Error {
  override name = "UsageError";
  readonly usage = USAGE;
}

export function parseBenchOptions(argv: string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      scale: { type: "string" },
      only: { type: "string" },
      runs: { type: "string" },
      chunks: { type: "string" },
      baseline: { type: "string" },
      sample: { type: "string" },
      models: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";

  const scale = values.scale === undefined ? 1 : positiveInt("scale", values.scale);
  let databases: DatabaseKind[] = ["pglite", "postgres"];
  if (values.only !== undefined) {
    if (values.only !== "pglite" && values.only !== "postgres")
      throw new UsageError(`--only must be pglite or postgres, got "${values.only}"`);
    databases = [values.only];
  }
  const runs = values.runs === undefined ? 3 : positiveInt("runs", values.runs);
  const chunkSizes =
    values.chunks === undefined
      ? [500, 1000, 20_000]
      : values.chunks
          .split(",")
          .filter((s) => s.trim() !== "")
          .map((s) => positiveInt("chunks", s.trim()));
  if (chunkSizes.some((n) => n > 50_000))
    throw new UsageError(
      "--chunks: keep chunk sizes ≤ 50,000 (one bound parameter per contact id)",
    );
  const baselineRaw = values.baseline ?? (scale === 1 ? "full" : "sample");
  if (baselineRaw !== "full" && baselineRaw !== "sample" && baselineRaw !== "none")
    throw new UsageError(`--baseline must be full, sample or none, got "${baselineRaw}"`);
  const sample = values.sample === undefined ? 2000 : positiveInt("sample", values.sample);
  const models =
    values.models === undefined
      ? null
      : values.models
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
  const out =
    values.out ??
    `rescore${scale > 1 ? `-scale${scale}` : ""}${databases.length === 1 ? `-${databases[0]}` : ""}`;
  if (!/^[\w.-]+$/.test(out)) throw new UsageError("--out: letters, digits, '.', '-', '_' only");
  return { scale, databases, runs, chunkSizes, baseline: baselineRaw, sample, models, out };
}

export { USAGE };
