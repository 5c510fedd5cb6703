/**
 * The server process's long-lived parts: one database handle and one job queue, cached on
 * globalThis because Next gives route handlers and server components separate module copies,
 * and two PGlite instances on one data dir would corrupt it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, type Database } from "../db";
import { createAuth, localAliases, resolveAuthSecret, type Auth } from "./auth";
import { env } from "./env";
import { startIncrementalScorer, type IncrementalScorer } from "./jobs/incremental";
import { startQueue, type RunningQueue } from "./jobs/queue";
import { expireImports } from "./services/data-import/retention";
import { runImport } from "./services/data-import/run";
import { refreshAllModels } from "./services/scoring/refresh-all";
import { rescoreModel } from "./services/scoring/rescore-model";
import { seedDemoWorkspace } from "./services/workspace/seed-demo-workspace";
import { log, setLogLevel } from "./log";
import { onShutdownSignal } from "./shutdown";

export interface Runtime {
  database: Database;
  queue: RunningQueue;
  auth: Auth;
  scorer: IncrementalScorer;
}

const globalForRuntime = globalThis as unknown as { scorecraftRuntime?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  globalForRuntime.scorecraftRuntime ??= boot().catch((error: unknown) => {
    globalForRuntime.scorecraftRuntime = undefined;
    throw error;
  });
  return globalForRuntime.scorecraftRuntime;
}

async function boot(): Promise<Runtime> {
  setLogLevel(env.LOG_LEVEL);
  const database = await openDatabase();
  await database.migrate();
  /** Aborted at shutdown: a running import stops after its batch and resumes after the restart. */
  const stopping = new AbortController();
  const auth = await openAuth(database);
  const queue = await startQueue(
    database,
    {
      rescore: (job) => rescoreModel({ ctx: { db: database.db }, input: job }),
      refresh: async () => void (await refreshAllModels({ ctx: { db: database.db } })),
      // CSV imports (server/services/data-import/run.ts)
      dataImport: (job) =>
        runImport({ ctx: { db: database.db, signal: stopping.signal }, input: job }),
      importRetention: async () => void (await expireImports({ ctx: { db: database.db } })),
    },
    { refreshMinutes: env.SCORE_REFRESH_MINUTES },
  );
  if (env.SEED_DEMO) await seedDemoWorkspace(database, queue, auth);
  const scorer = startIncrementalScorer(database.db, { workerId: scorerWorkerId() });
  // The scorer first (it writes through the database), then the queue waits for its jobs in
  // flight, then the database closes. scripts/start.ts passes SIGTERM/SIGINT to this process.
  onShutdownSignal([
    { name: "imports", run: async () => stopping.abort() },
    { name: "incremental scorer", run: () => scorer.stop() },
    { name: "job queue", run: () => queue.stop() },
    { name: "database", run: () => database.close() },
  ]);
  log.info("scorecraft ready", { database: database.kind, url: appUrl() });
  return { database, queue, auth, scorer };
}

/** Opens the configured database (creating the PGlite directory on first use). */
export async function openDatabase(): Promise<Database> {
  if (env.DATABASE_URL) {
    return createDatabase({
      url: env.DATABASE_URL,
      timeouts: {
        statementMs: env.DB_STATEMENT_TIMEOUT_MS,
        lockMs: env.DB_LOCK_TIMEOUT_MS,
        idleInTransactionMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
    });
  }
  const dataDir = path.resolve(env.DATA_DIR);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  return createDatabase({ dataDir });
}

/** Stable across restarts of the same server (host and port), distinct between servers. */
function scorerWorkerId(): string {
  return `${os.hostname()}:${env.PORT}`;
}

export function appUrl(): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/** The auth library on this database, with the configured or stored secret. */
export async function openAuth(database: Database): Promise<Auth> {
  const secret = await resolveAuthSecret(database.db, env.AUTH_SECRET);
  const baseURL = appUrl();
  return createAuth(database.db, { secret, baseURL, trustedOrigins: localAliases(baseURL) });
}
