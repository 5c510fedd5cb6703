/**
 * `npm run bench`: the full rescore of a published model, naive per-contact baseline vs the
 * product's set-based `rescoreModel`, on PGlite and on the Postgres server. Writes
 * bench/results/<name>.json and .md. No timed assertions: it measures and reports ratios.
 * Options: `npm run bench -- --help`; background in bench/README.md.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { query, type DatabaseKind } from "../db";
import { loadDemoData } from "../db/seed/demo-data";
import { DEMO_MODELS } from "../db/seed/demo-models";
import { setLogLevel } from "../server/log";
import { modelActivityTypes, naiveRescore } from "./lib/baseline";
import { openDataset, type Dataset, type PublishedModel } from "./lib/dataset";
import {
  clearScores,
  compareScores,
  defaultChunkSize,
  median,
  ratio,
  round,
  setBasedRescore,
  snapshotScores,
  timing,
  vacuumScores,
} from "./lib/measure";
import { parseBenchOptions, UsageError, USAGE, type BenchOptions } from "./lib/options";
import {
  renderMarkdown,
  type BaselineFigures,
  type BenchResults,
  type ChunkFigures,
  type DatabaseResult,
  type MachineFacts,
  type ModelResult,
} from "./lib/report";

const RESULTS_DIR = path.join(process.cwd(), "bench", "results");
const started = performance.now();

function log(line: string) {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[${s}s] ${line}\n`);
}

function packageVersion(name: string): string | null {
  try {
    const file = path.join(process.cwd(), "node_modules", name, "package.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

function machineFacts(loadStart: number[]): MachineFacts {
  let gitCommit: string | null = null;
  try {
    gitCommit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    gitCommit = null;
  }
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    totalMemoryGiB: round(os.totalmem() / 2 ** 30, 1),
    loadAverageStart: loadStart.map((n) => round(n, 2)),
    loadAverageEnd: os.loadavg().map((n) => round(n, 2)),
    gitCommit,
    packages: {
      "@electric-sql/pglite": packageVersion("@electric-sql/pglite"),
      postgres: packageVersion("postgres"),
      "drizzle-orm": packageVersion("drizzle-orm"),
    },
  };
}

/** Median share (0–1) of the baseline's time spent reading, evaluating and writing. */
function shares(
  splits: { read: number; evaluate: number; write: number }[],
  totals: number[],
): { read: number; evaluate: number; write: number } {
  const of = (k: "read" | "evaluate" | "write") =>
    round(median(splits.map((s, i) => s[k] / totals[i]!)), 3);
  return { read: of("read"), evaluate: of("evaluate"), write: of("write") };
}

/** Formats a results file as `npm run format` would, so formatting the repo leaves it unchanged. */
async function pretty(text: string, parser: "json" | "markdown"): Promise<string> {
  try {
    const prettier = await import("prettier");
    const config = (await prettier.resolveConfig(path.join(RESULTS_DIR, `x.${parser}`))) ?? {};
    return await prettier.format(text, { ...config, parser });
  } catch {
    return text;
  }
}

async function benchModel(
  dataset: Dataset,
  model: PublishedModel,
  options: BenchOptions,
  at: Date,
  prefix: string,
): Promise<ModelResult> {
  const db = dataset.database.db;
  const { workspaceId } = dataset;
  const types = modelActivityTypes(model.document);
  const [relevant] = await query<{ n: number }>(
    db,
    types.length === 0
      ? sql`select 0 as n`
      : sql`select count(*)::int as n from activities
             where workspace_id = ${workspaceId}::uuid and occurred_at <= ${at.toISOString()}::timestamptz
               and type in (${sql.join(
                 types.map((t) => sql`${t}::text`),
                 sql`, `,
               )})`,
  );
  const sampled = options.baseline === "sample" && options.sample < dataset.contacts;
  const limit = sampled ? options.sample : undefined;
  const withBaseline = options.baseline !== "none";

  // Warm-up, doubling as the correctness check: baseline into an empty table, snapshot; then the
  // set-based run overwrites, snapshot; compare.
  await clearScores(db, workspaceId, model.modelId);
  let correctness = null;
  let baselineContacts = 0;
  if (withBaseline) {
    await vacuumScores(db);
    const b = await naiveRescore(db, { ...model, workspaceId, at, limit });
    baselineContacts = b.contacts;
    const before = await snapshotScores(db, workspaceId, model.modelId);
    await vacuumScores(db);
    await setBasedRescore(db, workspaceId, model, at, undefined);
    const after = await snapshotScores(db, workspaceId, model.modelId);
    const percentileSample = sampled && model.document.scale.kind === "percentile";
    correctness = compareScores(before, after, {
      compareScores: !percentileSample,
      ...(percentileSample
        ? { note: "sampled baseline: its R comes from the sample, so only raws are compared" }
        : {}),
    });
    log(
      `${prefix} ${model.key}: warm-up done; max |Δraw| ${correctness.maxAbsDiffRaw.toExponential(1)}` +
        `${correctness.withinTolerance ? "" : " — OUTSIDE TOLERANCE"}`,
    );
  } else {
    await vacuumScores(db);
    await setBasedRescore(db, workspaceId, model, at, undefined);
    log(`${prefix} ${model.key}: warm-up done (no baseline)`);
  }

  const baselineRuns: number[] = [];
  const splits: { read: number; evaluate: number; write: number }[] = [];
  const defaultRuns: number[] = [];
  const sweepRuns = new Map<number, number[]>(options.chunkSizes.map((c) => [c, []]));
  for (let r = 1; r <= options.runs; r++) {
    const parts: string[] = [];
    if (withBaseline) {
      await vacuumScores(db);
      const t0 = performance.now();
      const { split } = await naiveRescore(db, { ...model, workspaceId, at, limit });
      const t = performance.now() - t0;
      baselineRuns.push(t);
      splits.push(split);
      parts.push(`baseline ${Math.round(t)} ms${sampled ? ` (${baselineContacts} contacts)` : ""}`);
    }
    await vacuumScores(db);
    const d = await setBasedRescore(db, workspaceId, model, at, undefined);
    defaultRuns.push(d);
    parts.push(`set-based ${Math.round(d)} ms`);
    for (const size of options.chunkSizes) {
      await vacuumScores(db);
      const t = await setBasedRescore(db, workspaceId, model, at, size);
      sweepRuns.get(size)!.push(t);
      parts.push(`chunk ${size}: ${Math.round(t)} ms`);
    }
    log(`${prefix} ${model.key} run ${r}/${options.runs}: ${parts.join(", ")}`);
  }

  const setBasedTiming = timing(defaultRuns);
  let baseline: BaselineFigures | null = null;
  if (withBaseline) {
    const measured = timing(baselineRuns);
    const factor = dataset.contacts / baselineContacts;
    const scaled = (n: number) => round(n * factor);
    baseline = {
      ms: scaled(measured.ms),
      min: scaled(measured.min),
      max: scaled(measured.max),
      runs: measured.runs,
      measuredMs: measured.ms,
      contactsTimed: baselineContacts,
      extrapolated: baselineContacts < dataset.contacts,
      contactsPerSecond: Math.round(baselineContacts / (measured.ms / 1000)),
      share: shares(splits, baselineRuns),
    };
  }
  const chunkSweep: ChunkFigures[] = options.chunkSizes.map((size) => {
    const t = timing(sweepRuns.get(size)!);
    return {
      ...t,
      chunkSize: size,
      chunks: Math.ceil(dataset.contacts / size),
      ratioToDefault: ratio(t.ms, setBasedTiming.ms),
      pairedRatios: sweepRuns.get(size)!.map((n, i) => ratio(n, defaultRuns[i]!)),
    };
  });
  return {
    key: model.key,
    scale: model.document.scale.kind,
    contacts: dataset.contacts,
    activities: dataset.activities,
    activitiesOfModelTypes: Number(relevant?.n ?? 0),
    baseline,
    setBased: {
      ...setBasedTiming,
      chunkSize: "default",
      contactsPerSecond: Math.round(dataset.contacts / (setBasedTiming.ms / 1000)),
    },
    ratioBaselineToSetBased: baseline ? ratio(baseline.ms, setBasedTiming.ms) : null,
    pairedRatios: baseline
      ? baselineRuns.map((b, i) =>
          ratio(b * (dataset.contacts / baselineContacts), defaultRuns[i]!),
        )
      : null,
    chunkSweep,
    correctness,
  };
}

async function benchDatabase(
  kind: DatabaseKind,
  options: BenchOptions,
  at: Date,
  data: Awaited<ReturnType<typeof loadDemoData>>,
  track: (dataset: Dataset | null) => void,
): Promise<DatabaseResult> {
  const prefix = `[${kind}]`;
  const models = DEMO_MODELS.filter((m) => !options.models || options.models.includes(m.key));
  log(`${prefix} creating a throwaway database, seeding scale ${options.scale}`);
  const dataset = await openDataset(kind, { now: at, scale: options.scale, data, models, log });
  track(dataset);
  try {
    const [v] = await query<{ version: string }>(
      dataset.database.db,
      sql`select version() as version`,
    );
    log(
      `${prefix} ${dataset.contacts.toLocaleString("en-US")} contacts, ` +
        `${dataset.activities.toLocaleString("en-US")} activities ` +
        `(setup ${Object.entries(dataset.setupMs)
          .map(([k, n]) => `${k} ${Math.round(n)} ms`)
          .join(", ")})`,
    );
    const results: ModelResult[] = [];
    for (const model of dataset.models) {
      results.push(await benchModel(dataset, model, options, at, prefix));
    }
    return {
      kind,
      version: v?.version ?? "unknown",
      contacts: dataset.contacts,
      activities: dataset.activities,
      setupMs: Object.fromEntries(Object.entries(dataset.setupMs).map(([k, n]) => [k, round(n)])),
      models: results,
    };
  } finally {
    track(null);
    await dataset.database.destroy();
  }
}

async function main() {
  let options: BenchOptions;
  try {
    const parsed = parseBenchOptions(process.argv.slice(2));
    if (parsed === "help") {
      console.log(USAGE);
      return;
    }
    options = parsed;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      console.error(`bench: ${(error as Error).message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const unknown = options.models?.filter((k) => !DEMO_MODELS.some((m) => m.key === k)) ?? [];
  if (unknown.length > 0) {
    console.error(
      `bench: unknown model(s) ${unknown.join(", ")}; known: ${DEMO_MODELS.map((m) => m.key).join(", ")}`,
    );
    process.exitCode = 2;
    return;
  }

  setLogLevel("warn"); // rescoreModel logs every finished run at info
  const loadStart = os.loadavg();
  const at = new Date();
  const data = await loadDemoData();
  log(
    `scale ${options.scale}, ${options.runs} runs (+1 warm-up), databases ${options.databases.join(", ")}, ` +
      `baseline ${options.baseline}${options.baseline === "sample" ? ` (${options.sample} contacts)` : ""}`,
  );

  // Ctrl-C: drop the throwaway database before leaving.
  let current: Dataset | null = null;
  const onSignal = () => {
    log("interrupted: dropping the benchmark database");
    const pending = current?.database.destroy() ?? Promise.resolve();
    void pending.finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const databases: DatabaseResult[] = [];
  for (const kind of options.databases) {
    try {
      databases.push(
        await benchDatabase(kind, options, at, data, (d) => {
          current = d;
        }),
      );
    } catch (error) {
      if (kind === "postgres" && /needs a server|ECONNREFUSED|connect/i.test(String(error))) {
        console.error(
          `bench: ${(error as Error).message}\nStart the server or run \`npm run bench -- --only pglite\`.`,
        );
        process.exitCode = 1;
        return;
      }
      throw error;
    }
  }

  const pglite = databases.find((d) => d.kind === "pglite");
  const postgres = databases.find((d) => d.kind === "postgres");
  const pgliteToPostgres =
    pglite && postgres
      ? Object.fromEntries(
          pglite.models.map((m) => {
            const other = postgres.models.find((o) => o.key === m.key);
            return [
              m.key,
              {
                setBased: other ? ratio(m.setBased.ms, other.setBased.ms) : NaN,
                baseline:
                  other?.baseline && m.baseline ? ratio(m.baseline.ms, other.baseline.ms) : null,
              },
            ];
          }),
        )
      : null;

  const notes: string[] = [
    "Each timed run is preceded by an untimed `vacuum (analyze) scores, score_runs`, so every run upserts over the same, already stored rows.",
    "The baseline prepares its two statements once and reads only the model's activity types through the scoring index; percentile models evaluate every contact once, take R from `percentileReference`, then upsert (the set-based path computes R in SQL first, then scores).",
    "Timed figures include loading the registry and listing the contacts, as a real rescore does; the set-based figure includes the run bookkeeping of `rescoreModel` (progress updates between chunks).",
  ];
  if (options.scale > 1)
    notes.push(
      `Scale ${options.scale}: the demo data is copied ${options.scale - 1} more times in SQL (distinct external and event ids, identical values), so every copy scores like its original.`,
    );
  if (databases.some((d) => d.models.some((m) => m.baseline?.extrapolated)))
    notes.push(
      "Extrapolated baselines assume cost linear in contacts (each contact costs two round trips plus its own activities).",
    );

  const results: BenchResults = {
    benchmark: "rescore",
    date: new Date().toISOString(),
    command: [
      "npm run bench",
      ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : []),
    ].join(" "),
    options: {
      scale: options.scale,
      runs: options.runs,
      warmups: 1,
      baseline: options.baseline,
      baselineSample: options.baseline === "sample" ? options.sample : null,
      defaultChunkSize: defaultChunkSize(),
      chunkSizes: options.chunkSizes,
      at: at.toISOString(),
    },
    machine: machineFacts(loadStart),
    databases,
    pgliteToPostgres,
    totalMs: round(performance.now() - started, 0),
    notes,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const base = path.join(RESULTS_DIR, options.out);
  writeFileSync(`${base}.json`, await pretty(`${JSON.stringify(results, null, 2)}\n`, "json"));
  writeFileSync(`${base}.md`, await pretty(renderMarkdown(results), "markdown"));

  for (const d of databases) {
    for (const m of d.models) {
      log(
        `${d.kind} ${m.key}: baseline ÷ set-based ${m.ratioBaselineToSetBased ?? "–"}` +
          `${m.baseline?.extrapolated ? " (extrapolated)" : ""}; ` +
          `set-based ${m.setBased.ms} ms (${m.setBased.contactsPerSecond} contacts/s)` +
          `${m.correctness ? `; max |Δraw| ${m.correctness.maxAbsDiffRaw.toExponential(1)}` : ""}`,
      );
    }
  }
  log(`wrote ${path.relative(process.cwd(), base)}.json and .md`);
}

await main();
