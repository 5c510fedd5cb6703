/**
 * `npm run bench:ingest`: events accepted per second by `POST /api/v1/events` (the route handler,
 * in process) with incremental rescoring on, and the event → stored score latency, on the demo
 * data with its three models. Figures are ratios against baselines measured in the same run:
 * throughput with the scorer running ÷ without it, and batches of 1,000 ÷ single-event batches.
 * Writes bench/results/ingest.json and ingest.md.
 *
 *   npm run bench:ingest -- [--db postgres|pglite] [--seconds 15] [--scale N]
 *
 * (The script lifts the per-key API rate limit: this measures the server, not the limiter.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { query } from "../db";
import { contacts } from "../db/schema";
import { loadDemoData } from "../db/seed/demo-data";
import { DEMO_MODELS } from "../db/seed/demo-models";
import { setApiDepsForTesting } from "../server/rest/deps";
import { insertApiKey } from "../server/services/api-key/create";
import { rescoreDirty } from "../server/services/scoring/rescore-dirty";
import { rescoreModel } from "../server/services/scoring/rescore-model";
import { scheduleRescore } from "../server/services/scoring/schedule-rescore";
import { openDataset } from "./lib/dataset";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    seconds: { type: "string", default: "15" },
    scale: { type: "string", default: "1" },
  },
});
const kind = values.db === "pglite" ? "pglite" : "postgres";
const seconds = Number(values.seconds);
const scale = Math.max(1, Math.round(Number(values.scale)));
const log = (line: string) => console.log(`[ingest] ${line}`);

const now = new Date();
const dataset = await openDataset(kind, {
  now,
  scale,
  data: await loadDemoData(),
  models: DEMO_MODELS,
  log,
});
const db = dataset.database.db;
const { workspaceId } = dataset;
for (const model of dataset.models) {
  const runId = await scheduleRescore(db, workspaceId, model.modelId, model.version);
  await rescoreModel({ ctx: { db: db }, input: { workspaceId, runId, now } });
}
const externalIds = (
  await db
    .select({ externalId: contacts.externalId })
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
).map((r) => r.externalId);
const { key } = await insertApiKey(db, {
  workspaceId,
  name: "bench",
  scope: "write",
  createdBy: "bench",
});
setApiDepsForTesting({ db, queue: { enqueueRescore: async () => {} } });
const { POST } = await import("../app/api/v1/events/route");
log(
  `${kind}: ${dataset.contacts} contacts, ${dataset.activities} activities, ${dataset.models.length} models`,
);

let sequence = 0;
function batch(size: number) {
  return Array.from({ length: size }, () => ({
    eventId: `bench-${++sequence}`,
    contactId: externalIds[Math.floor(Math.random() * externalIds.length)]!,
    type: "page_viewed",
    occurredAt: new Date().toISOString(),
    properties: {
      url: Math.random() < 0.3 ? "/learn/AAA/quiz/1" : "/learn/BBB/resource/2",
      section: "quiz",
      clicks: 1,
    },
  }));
}
async function send(size: number): Promise<number> {
  const response = await POST(
    new Request("http://bench.local/api/v1/events", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(batch(size)),
    }),
  );
  if (response.status !== 200)
    throw new Error(`POST /events answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accepted: number }).accepted;
}

/** The incremental scorer as the server runs it, recording each contact's change → commit latency. */
function startScorer() {
  const latencies: number[] = [];
  let stop = false;
  const done = (async () => {
    while (!stop) {
      const result = await rescoreDirty({ ctx: { db: db }, input: { limit: 1_000 } });
      latencies.push(...result.latenciesMs);
      if (result.contacts === 0) await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    latencies,
    async stop() {
      stop = true;
      await done;
      // Whatever is left is scored once more so the next phase starts clean.
      while ((await rescoreDirty({ ctx: { db: db }, input: { limit: 5_000 } })).contacts > 0);
    },
  };
}

async function maxThroughput(batchSize: number, durationS: number, concurrency = 2) {
  const until = performance.now() + durationS * 1000;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) accepted += await send(batchSize);
    }),
  );
  return { accepted, eventsPerSecond: accepted / ((performance.now() - started) / 1000) };
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// Warm-up: plans, JIT, caches.
await maxThroughput(1_000, 2);
while ((await rescoreDirty({ ctx: { db: db }, input: { limit: 5_000 } })).contacts > 0);

log("A: batches of 1,000, scorer off");
const off = await maxThroughput(1_000, seconds);
while ((await rescoreDirty({ ctx: { db: db }, input: { limit: 5_000 } })).contacts > 0);

log("B: batches of 1 (per-event requests), scorer off");
const single = await maxThroughput(1, Math.min(seconds, 5));
while ((await rescoreDirty({ ctx: { db: db }, input: { limit: 5_000 } })).contacts > 0);

log("C: batches of 1,000, scorer on");
const scorerC = startScorer();
const on = await maxThroughput(1_000, seconds);
await scorerC.stop();

log("D: sustained 1,000 events/s (100 every 100 ms), scorer on");
const scorerD = startScorer();
let sustainedAccepted = 0;
const sustainedStart = performance.now();
for (let tick = 0; tick < seconds * 10; tick++) {
  const due = sustainedStart + tick * 100;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  sustainedAccepted += await send(100);
}
const sustainedSeconds = (performance.now() - sustainedStart) / 1000;
await new Promise((r) => setTimeout(r, 500));
await scorerD.stop();

const [version] = await query<{ version: string }>(db, sql`select version()`);
const results = {
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "",
    loadAverage: os.loadavg(),
  },
  database: { kind, version: version?.version ?? null },
  data: {
    contacts: dataset.contacts,
    activities: dataset.activities,
    models: dataset.models.map((m) => m.key),
  },
  seconds,
  throughput: {
    batch1000ScorerOff: Math.round(off.eventsPerSecond),
    batch1ScorerOff: Math.round(single.eventsPerSecond),
    batch1000ScorerOn: Math.round(on.eventsPerSecond),
    ratioScorerOnOverOff: Number((on.eventsPerSecond / off.eventsPerSecond).toFixed(2)),
    ratioBatch1000OverBatch1: Number((off.eventsPerSecond / single.eventsPerSecond).toFixed(1)),
  },
  latencyAtMaxThroughput: {
    contactsScored: scorerC.latencies.length,
    p50Ms: percentile(scorerC.latencies, 50),
    p95Ms: percentile(scorerC.latencies, 95),
  },
  sustained1000PerSecond: {
    achievedEventsPerSecond: Math.round(sustainedAccepted / sustainedSeconds),
    contactsScored: scorerD.latencies.length,
    p50Ms: percentile(scorerD.latencies, 50),
    p95Ms: percentile(scorerD.latencies, 95),
    p99Ms: percentile(scorerD.latencies, 99),
    maxMs: percentile(scorerD.latencies, 100),
    ratioP95OverTarget1s: Number(((percentile(scorerD.latencies, 95) ?? 0) / 1000).toFixed(2)),
  },
};
const outDir = path.join(process.cwd(), "bench", "results");
fs.mkdirSync(outDir, { recursive: true });
const base = `ingest${kind === "postgres" ? "" : "-pglite"}${scale > 1 ? `-scale${scale}` : ""}`;
fs.writeFileSync(path.join(outDir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
const t = results.throughput;
const s = results.sustained1000PerSecond;
fs.writeFileSync(
  path.join(outDir, `${base}.md`),
  `# Ingest benchmark (${kind}, ${results.date.slice(0, 10)})

${results.data.contacts} contacts, ${results.data.activities} activities, models: ${results.data.models.join(", ")}; ${results.machine.cpus} cores (${results.machine.cpuModel}).
\`POST /api/v1/events\` called in process (route handler, auth, validation, atomic batch), ${seconds} s per phase.

| phase | events/s | ratio |
|---|--:|--:|
| batches of 1,000, scorer off (baseline) | ${t.batch1000ScorerOff} | 1.00 |
| batches of 1,000, incremental scorer on | ${t.batch1000ScorerOn} | ${t.ratioScorerOnOverOff} |
| single-event requests, scorer off | ${t.batch1ScorerOff} | ${(1 / t.ratioBatch1000OverBatch1).toFixed(3)} |

Event → stored score latency (commit of the event to commit of every enabled model's new score):

| load | contacts scored | p50 ms | p95 ms | p99 ms | p95 ÷ 1 s target |
|---|--:|--:|--:|--:|--:|
| sustained ${s.achievedEventsPerSecond} events/s | ${s.contactsScored} | ${s.p50Ms} | ${s.p95Ms} | ${s.p99Ms} | ${s.ratioP95OverTarget1s} |
| max throughput (phase C) | ${results.latencyAtMaxThroughput.contactsScored} | ${results.latencyAtMaxThroughput.p50Ms} | ${results.latencyAtMaxThroughput.p95Ms} | | |
`,
);
log(JSON.stringify(results.throughput));
log(JSON.stringify(results.sustained1000PerSecond));
setApiDepsForTesting(null);
await dataset.database.destroy();
