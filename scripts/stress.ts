/**
 * `npm run stress`: concurrent ingestion with identify merges against the real production server
 * on a fresh Postgres database, with a `kill -9` of the whole server in the middle, then a count of
 * what was acknowledged against what is stored. Loopback only, bounded in time.
 *
 *   npm run stress -- [--clients 8] [--seconds 20] [--url postgres://…/test] [--keep]
 *
 * Every client repeats the race that used to orphan events: a Segment batch of 10 anonymous
 * `track` events for visitor z<i>, sent at the same time as the `identify` that merges z<i> into
 * u<i> and a server-side `/events` batch for u<i>. A client retries what was not acknowledged
 * (connection refused while the server is down, 429/503 after Retry-After, any 5xx) with the same
 * ids, as Segment does. Afterwards: lost = acknowledged events not stored, orphaned = activities
 * or scores whose contact does not exist, misplaced = events of an identified visitor not on its
 * contact, and every stored score is compared with a full rescore. Writes bench/results/stress.md
 * and stress.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import type { ModelDocument } from "../core/scoring/document";
import { createDatabase, query, redactUrl } from "../db";
import {
  activities,
  activityTypes,
  contacts,
  scoreDirty,
  scoreModels,
  scores,
  workspaces,
} from "../db/schema";
import type { ServiceContext } from "../server/context";
import { insertApiKey } from "../server/services/api-key/create";
import { importScoreModel } from "../server/services/score-model/import";
import { publishScoreModel } from "../server/services/score-model/publish";
import { rescoreModel } from "../server/services/scoring/rescore-model";
import { scheduleRescore } from "../server/services/scoring/schedule-rescore";
import { insertBuiltinFields } from "../server/services/workspace/shared";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "8" },
    seconds: { type: "string", default: "20" },
    url: { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    keep: { type: "boolean", default: false },
  },
});
const CLIENTS = Math.max(1, Number(values.clients));
const SECONDS = Math.max(4, Number(values.seconds));
const say = (line: string) => console.log(`[stress] ${line}`);

/** No decay and no time windows: a full rescore later must give the very same scores. */
const MODEL: ModelDocument = {
  format: "scorecraft.model/v1",
  key: "stress",
  name: "Stress",
  emoji: "🧪",
  kind: "engagement",
  halfLifeDays: null,
  decay: "exponential",
  scale: { kind: "fixed", maxPoints: 100 },
  bands: [
    { label: "Cold", color: "red", min: 0 },
    { label: "Hot", color: "green", min: 50 },
  ],
  criteria: [
    {
      id: "c1",
      kind: "filter",
      label: "In the US",
      points: 10,
      where: { kind: "rule", field: "contact.country", operator: "eq", value: "US" },
    },
    {
      id: "c2",
      kind: "activity",
      label: "Page views",
      points: 5,
      activity: "page_viewed",
      where: null,
      maxPoints: 40,
    },
    { id: "c3", kind: "activity", label: "Logins", points: 3, activity: "logged_in", where: null },
  ],
};

// --- a database of its own --------------------------------------------------------------------
const adminUrl = values.url;
const dbName = `scorecraft_stress_${Date.now().toString(36)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
try {
  await admin.unsafe(`create database "${dbName}"`);
} catch (error) {
  console.error(
    `scorecraft stress needs a Postgres server (${redactUrl(adminUrl)}): ${(error as Error).message}`,
  );
  process.exit(1);
}
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();
const database = await createDatabase({ url: databaseUrl, maxConnections: 4 });
await database.migrate();
const [workspace] = await database.db
  .insert(workspaces)
  .values({ slug: "stress", name: "Stress" })
  .returning();
if (!workspace) throw new Error("no workspace");
await insertBuiltinFields(database.db, workspace.id);
await database.db.insert(activityTypes).values([
  { workspaceId: workspace.id, key: "page_viewed", label: "Page viewed" },
  { workspaceId: workspace.id, key: "logged_in", label: "Logged in" },
]);
const ctx: ServiceContext = {
  db: database.db,
  workspaceId: workspace.id,
  actor: { id: "stress", name: "Stress", role: "admin" },
  // New contacts only: the incremental scorer scores them; no full rescore is needed.
  queue: { enqueueRescore: async () => {} },
};
await importScoreModel({ ctx, input: { document: MODEL } });
await publishScoreModel({ ctx, input: { key: MODEL.key } });
const { key } = await insertApiKey(database.db, {
  workspaceId: workspace.id,
  name: "stress",
  scope: "write",
  createdBy: "stress",
});

// --- the real server, killable as a whole -------------------------------------------------------
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | null = null;
// Whatever ends this script (a failure included) takes the server down with it.
process.on("exit", () => {
  if (server) killGroup(server, "SIGKILL");
});

function startServer(): ChildProcess {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      // Measures the ingest path, not the per-key limiter.
      API_RATE_LIMIT_PER_SECOND: "1000000",
      API_RATE_LIMIT_BURST: "1000000",
    },
    // Its own process group, so `kill -9` takes the wrapper and next-server alike.
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
  });
  return child;
}

async function waitReady(timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(`${base}/api/v1/openapi.json`);
      if (response.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// --- clients ------------------------------------------------------------------------------------
const counts = {
  requests: 0,
  acknowledgedBatches: 0,
  refused: 0,
  status429: 0,
  status503: 0,
  status5xx: 0,
  status4xx: 0,
};
const acknowledgedEvents = new Set<string>();
const identified = new Set<number>();
let stopping = false;

async function post(pathName: string, body: unknown): Promise<boolean> {
  for (;;) {
    if (stopping && Date.now() > hardDeadline) return false;
    counts.requests += 1;
    let response: Response;
    try {
      response = await fetch(`${base}${pathName}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
    } catch {
      // Refused, or cut off mid-answer by the kill: not acknowledged, so sent again.
      counts.refused += 1;
      await sleep(250);
      continue;
    }
    if (response.ok) {
      counts.acknowledgedBatches += 1;
      return true;
    }
    if (response.status === 429) counts.status429 += 1;
    else if (response.status === 503) counts.status503 += 1;
    else if (response.status >= 500) counts.status5xx += 1;
    else {
      counts.status4xx += 1;
      return false;
    }
    const retryAfter = Number(response.headers.get("retry-after") ?? "0.2");
    await sleep(Math.min(5, retryAfter) * 1000);
  }
}

let nextVisitor = 0;
async function client() {
  while (!stopping) {
    const i = nextVisitor++;
    const now = new Date().toISOString();
    const tracks = Array.from({ length: 10 }, (_, j) => ({
      type: "track",
      event: j % 3 ? "Page Viewed" : "Logged In",
      anonymousId: `z${i}`,
      messageId: `t-${i}-${j}`,
      timestamp: now,
    }));
    const identify = {
      type: "identify",
      messageId: `id-${i}`,
      userId: `u${i}`,
      anonymousId: `z${i}`,
      traits: { country: i % 2 ? "US" : "GB" },
    };
    const serverSide = [
      { eventId: `s-${i}`, contactId: `u${i}`, type: "logged_in", occurredAt: now },
    ];
    const [tracked, merged, recorded] = await Promise.all([
      post("/api/v1/segment/batch", { batch: tracks }),
      post("/api/v1/segment/batch", { batch: [identify] }),
      post("/api/v1/events", serverSide),
    ]);
    if (tracked) for (const t of tracks) acknowledgedEvents.add(t.messageId);
    if (recorded) acknowledgedEvents.add(`s-${i}`);
    if (merged) identified.add(i);
  }
}

// --- the run ------------------------------------------------------------------------------------
let hardDeadline = Number.POSITIVE_INFINITY;
say(`database ${dbName}; server on ${base}; ${CLIENTS} clients; ${SECONDS} s per round`);
server = startServer();
const firstStartMs = await waitReady(300_000);
say(
  `server ready in ${(firstStartMs / 1000).toFixed(1)} s (includes a build when sources changed)`,
);

const started = Date.now();
const workers = Array.from({ length: CLIENTS }, () => client());
// Round 1: concurrency alone. Round 2: kill -9 the server half-way, restart it at once.
await sleep(SECONDS * 1000);
const ackBeforeKill = acknowledgedEvents.size;
killGroup(server, "SIGKILL");
const killedAt = Date.now();
say(
  `kill -9 after ${((killedAt - started) / 1000).toFixed(1)} s (${ackBeforeKill} events acknowledged)`,
);
server = startServer();
const restartMs = await waitReady(120_000);
say(`restarted; answering again ${(restartMs / 1000).toFixed(1)} s after the kill`);
await sleep((SECONDS * 1000) / 2);
stopping = true;
hardDeadline = Date.now() + 30_000;
await Promise.all(workers);
const loadSeconds = (Date.now() - started) / 1000;

// Scores are fresh once the dirty queue is empty.
const drainStarted = Date.now();
let dirtyLeft = 0;
for (;;) {
  const [row] = await query<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from ${scoreDirty} where workspace_id = ${workspace.id}::uuid`,
  );
  dirtyLeft = row?.n ?? 0;
  if (dirtyLeft === 0 || Date.now() - drainStarted > 180_000) break;
  await sleep(250);
}
const drainSeconds = (Date.now() - drainStarted) / 1000;

killGroup(server, "SIGTERM");
await new Promise((resolve) => {
  const timer = setTimeout(() => {
    if (server) killGroup(server, "SIGKILL");
    resolve(null);
  }, 15_000);
  server?.once("exit", () => {
    clearTimeout(timer);
    resolve(null);
  });
});

// --- the count ----------------------------------------------------------------------------------
const stored = new Map(
  (
    await query<{ event_id: string; external_id: string | null }>(
      database.db,
      sql`select a.event_id, c.external_id from ${activities} a
            left join ${contacts} c on c.workspace_id = a.workspace_id and c.id = a.contact_id
           where a.workspace_id = ${workspace.id}::uuid`,
    )
  ).map((r) => [r.event_id, r.external_id]),
);
const lost = [...acknowledgedEvents].filter((id) => !stored.has(id)).length;
const orphanedActivities = [...stored.values()].filter((c) => c === null).length;
const [orphanScores] = await query<{ n: number }>(
  database.db,
  sql`select count(*)::int as n from ${scores} s where s.workspace_id = ${workspace.id}::uuid
        and not exists (select 1 from ${contacts} c
                         where c.workspace_id = s.workspace_id and c.id = s.contact_id)`,
);
const misplaced = [...stored.entries()].filter(([eventId, externalId]) => {
  const visitor = Number(/^[ts]-(\d+)/.exec(eventId)?.[1]);
  return identified.has(visitor) && externalId !== `u${visitor}`;
}).length;

const snapshot = async () =>
  new Map(
    (
      await database.db
        .select({ contactId: scores.contactId, raw: scores.raw, band: scores.band })
        .from(scores)
        .where(eq(scores.workspaceId, workspace.id))
    ).map((r) => [r.contactId, `${r.raw}|${r.band}`]),
  );
const incremental = await snapshot();
const [model] = await database.db
  .select()
  .from(scoreModels)
  .where(and(eq(scoreModels.workspaceId, workspace.id), eq(scoreModels.key, MODEL.key)));
if (!model?.latestVersion) throw new Error("the stress model is not published");
const runId = await scheduleRescore(database.db, workspace.id, model.id, model.latestVersion);
await rescoreModel({ ctx: { db: database.db }, input: { workspaceId: workspace.id, runId } });
const full = await snapshot();
const scoreMismatches =
  [...full].filter(([id, value]) => incremental.get(id) !== value).length +
  [...incremental.keys()].filter((id) => !full.has(id)).length;
const [contactCount] = await query<{ n: number }>(
  database.db,
  sql`select count(*)::int as n from ${contacts} where workspace_id = ${workspace.id}::uuid`,
);

await database.close();
if (!values.keep) await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
await admin.end({ timeout: 5 });

const result = {
  at: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.platform()} ${os.release()}, Node ${process.version}`,
  clients: CLIENTS,
  loadSeconds: round(loadSeconds),
  requests: counts.requests,
  acknowledgedBatches: counts.acknowledgedBatches,
  acknowledgedEvents: acknowledgedEvents.size,
  acknowledgedBeforeKill: ackBeforeKill,
  storedEvents: stored.size,
  lost,
  orphanedActivities,
  orphanedScores: orphanScores?.n ?? 0,
  misplaced,
  refusedWhileDown: counts.refused,
  status429: counts.status429,
  status503: counts.status503,
  status5xx: counts.status5xx,
  status4xx: counts.status4xx,
  contacts: contactCount?.n ?? 0,
  restartSeconds: round(restartMs / 1000),
  scoresFreshSecondsAfterLoad: round(drainSeconds),
  dirtyLeft,
  scoreMismatches,
  eventsPerSecond: round(acknowledgedEvents.size / loadSeconds),
};
const ok =
  lost === 0 &&
  orphanedActivities === 0 &&
  result.orphanedScores === 0 &&
  misplaced === 0 &&
  counts.status5xx === 0 &&
  counts.status503 === 0 &&
  counts.status4xx === 0 &&
  dirtyLeft === 0 &&
  scoreMismatches === 0;

const rows: [string, string | number][] = [
  ["acknowledged events", result.acknowledgedEvents],
  ["stored events", result.storedEvents],
  ["lost", lost],
  ["orphaned activities / scores", `${orphanedActivities} / ${result.orphanedScores}`],
  ["misplaced (not on the identified contact)", misplaced],
  ["5xx answers (503 / other)", `${counts.status503} / ${counts.status5xx}`],
  ["4xx answers (429 / other)", `${counts.status429} / ${counts.status4xx}`],
  ["requests refused while the server was down", counts.refused],
  ["requests / acknowledged batches", `${counts.requests} / ${counts.acknowledgedBatches}`],
  ["server answering again after kill -9", `${result.restartSeconds} s`],
  ["scores fresh after the load stopped", `${result.scoresFreshSecondsAfterLoad} s`],
  ["stored scores ≠ full rescore", scoreMismatches],
  ["acknowledged events per second", result.eventsPerSecond],
];
const table = [
  "| measure | value |",
  "|---|---|",
  ...rows.map(([label, value]) => `| ${label} | ${value} |`),
].join("\n");
console.log(
  `\n${table}\n\n${ok ? "PASS" : "FAIL"}: zero lost, orphaned, misplaced, 5xx and mismatches`,
);
const outDir = path.join("bench", "results");
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "stress.json"), `${JSON.stringify(result, null, 2)}\n`);
fs.writeFileSync(
  path.join(outDir, "stress.md"),
  `# npm run stress — ${result.at}\n\n${result.machine}; ${CLIENTS} clients for ${result.loadSeconds} s ` +
    `against the production server on Postgres, with one \`kill -9\` of the whole server ` +
    `${SECONDS} s in.\n\n${table}\n\n${ok ? "PASS" : "FAIL"}\n`,
);
process.exit(ok ? 0 : 1);

// --- helpers ------------------------------------------------------------------------------------
function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
function round(value: number) {
  return Math.round(value * 10) / 10;
}
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}
