/**
 * Background work on a Postgres-backed queue (pg-boss), in the same database as the data: on the
 * embedded PGlite through pg-boss's PGlite adapter, on a server through its own small pool.
 */
import os from "node:os";
import { PgBoss, fromPglite } from "pg-boss";
import { timeoutParameters, type Database, type Tx } from "../../db";
import { log } from "../log";

export const QUEUES = {
  rescore: "score-model-rescore",
  refresh: "score-refresh",
  // CSV imports (server/services/data-import/run.ts)
  dataImport: "data-import",
  // Deleting the files of imports never started, failed or cancelled (data-import/retention.ts)
  importRetention: "data-import-retention",
} as const;

export interface RescoreJob {
  workspaceId: string;
  runId: string;
}

/** CSV imports: one job per import; the import row holds the mapping and the progress. */
export interface ImportJob {
  workspaceId: string;
  importId: string;
}

export interface EnqueueOptions {
  /**
   * Send the job inside this open transaction: it exists if and only if the transaction commits
   * (no run left "queued" forever after a crash between commit and send).
   */
  tx?: Tx;
}

export interface JobQueue {
  enqueueRescore(job: RescoreJob, options?: EnqueueOptions): Promise<void>;
  /** CSV imports; absent where nothing runs them (then the import waits as "queued"). */
  enqueueImport?(job: ImportJob): Promise<void>;
}

export interface JobHandlers {
  rescore(job: RescoreJob): Promise<void>;
  /** The scheduled decay refresh of every enabled model; absent: not scheduled in this process. */
  refresh?(): Promise<void>;
  /** CSV imports; absent: not worked in this process. */
  dataImport?(job: ImportJob): Promise<void>;
  /** The hourly clean-up of import files; absent: not scheduled in this process. */
  importRetention?(): Promise<void>;
}

export interface RunningQueue extends JobQueue {
  boss: PgBoss;
  /** Stops polling and waits for jobs in flight. */
  stop(): Promise<void>;
}

export interface StartQueueOptions {
  /** Register workers in this process (servers do; a CLI that only enqueues does not). */
  work?: boolean;
  /** Minutes between scheduled refreshes (1–60). */
  refreshMinutes?: number;
  pollingIntervalSeconds?: number;
}

export async function startQueue(
  database: Database,
  handlers: JobHandlers,
  options: StartQueueOptions = {},
): Promise<RunningQueue> {
  const boss =
    database.client.kind === "pglite"
      ? new PgBoss({
          db: fromPglite(database.client.pglite),
          backend: "pglite",
          schema: "pgboss",
        })
      : new PgBoss({
          connectionString: connectionStringOf(database),
          user: userOf(connectionStringOf(database)),
          max: 3,
          schema: "pgboss",
          // The same server-side limits as the app's own connections.
          options: Object.entries(
            timeoutParameters(
              database.client.kind === "postgres" ? database.client.timeouts : undefined,
            ),
          )
            .map(([name, value]) => `-c ${name}=${value}`)
            .join(" "),
        });
  boss.on("error", (err: unknown) => log.error("job queue error", { err }));
  await boss.start();
  await boss.createQueue(QUEUES.rescore);
  await boss.createQueue(QUEUES.refresh);
  await boss.createQueue(QUEUES.dataImport);
  await boss.createQueue(QUEUES.importRetention);

  if (options.work !== false) {
    await boss.work<RescoreJob>(
      QUEUES.rescore,
      {
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
        batchSize: 1,
      },
      async (jobs) => {
        for (const job of jobs) await handlers.rescore(job.data);
      },
    );
  }

  const refresh = handlers.refresh;
  if (options.work !== false && refresh) {
    const minutes = Math.min(60, Math.max(1, Math.round(options.refreshMinutes ?? 15)));
    await boss.schedule(QUEUES.refresh, minutes === 60 ? "0 * * * *" : `*/${minutes} * * * *`);
    await boss.work(QUEUES.refresh, { pollingIntervalSeconds: 5, batchSize: 1 }, async () => {
      await refresh();
    });
  }

  // CSV imports: one at a time per process (each streams a file and writes in batches).
  const dataImport = handlers.dataImport;
  if (options.work !== false && dataImport) {
    await boss.work<ImportJob>(
      QUEUES.dataImport,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) await dataImport(job.data);
      },
    );
  }

  const importRetention = handlers.importRetention;
  if (options.work !== false && importRetention) {
    await boss.schedule(QUEUES.importRetention, "7 * * * *");
    await boss.work(QUEUES.importRetention, { pollingIntervalSeconds: 30, batchSize: 1 }, async () => {
      await importRetention();
    });
  }

  return {
    boss,
    async enqueueRescore(job, { tx } = {}) {
      // A heartbeat, so a run whose server died is retried (and resumes) within a minute or two
      // instead of after a 15-minute expiry; a full rescore of a large workspace may take long.
      await boss.send(QUEUES.rescore, job, {
        retryLimit: 3,
        retryDelay: 2,
        heartbeatSeconds: 30,
        expireInSeconds: 6 * 3600,
        ...(tx ? { db: transactionDatabase(tx) } : {}),
      });
    },
    async enqueueImport(job) {
      // Long jobs: a heartbeat instead of a short expiry. A delivery after a crash or a shutdown
      // resumes after the last committed batch, so retries are cheap; errors in the data itself
      // end the import as failed without a retry (run.ts).
      await boss.send(QUEUES.dataImport, job, {
        retryLimit: 10,
        retryDelay: 5,
        heartbeatSeconds: 60,
        expireInSeconds: 12 * 3600,
      });
    },
    async stop() {
      // Within the server's shutdown bound (server/shutdown.ts); a job still running after this is
      // redelivered after its heartbeat lapses, and an import resumes from its last batch.
      await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}

/**
 * pg-boss's database interface over an open drizzle transaction: the driver client the
 * transaction runs on (postgres.js `unsafe`, PGlite `query`), so the job row is written by the
 * transaction itself.
 */
function transactionDatabase(tx: Tx): {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
} {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as
    | { unsafe?: (text: string, values: unknown[]) => Promise<unknown[]> }
    | { query?: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }> }
    | undefined;
  if (client && "unsafe" in client && typeof client.unsafe === "function") {
    const unsafe = client.unsafe.bind(client);
    return { executeSql: async (text, values = []) => ({ rows: [...(await unsafe(text, values as never[]))] }) };
  }
  if (client && "query" in client && typeof client.query === "function") {
    const run = client.query.bind(client);
    return { executeSql: async (text, values = []) => ({ rows: (await run(text, values)).rows }) };
  }
  throw new Error("cannot send a job inside this transaction: unknown database driver");
}

function connectionStringOf(database: Database): string {
  if (database.client.kind !== "postgres") throw new Error("not a Postgres server database");
  return database.client.url;
}

/** node-postgres (inside pg-boss) needs a user; `$USER` may be unset on servers. */
function userOf(connectionString: string): string {
  const user = new URL(connectionString).username;
  return user || os.userInfo().username;
}
