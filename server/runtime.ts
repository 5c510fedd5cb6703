/**
 * The server process's long-lived parts: one database handle and one job queue, cached on
 * globalThis because Next gives route handlers and server components separate module copies,
 * and two PGlite instances on one data dir would corrupt it.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { createDatabase, type Database } from "../db";
import { workspaces } from "../db/schema";
import type { Actor, ServiceContext } from "./context";
import { env } from "./env";
import { startQueue, type RunningQueue } from "./jobs/queue";
import { rescoreModel } from "./services/scoring/rescore-model";
import { DEMO_WORKSPACE_SLUG, seedDemoWorkspace } from "./services/workspace/seed-demo-workspace";
import { log, setLogLevel } from "./log";

export interface Runtime {
  database: Database;
  queue: RunningQueue;
}

const globalForRuntime = globalThis as unknown as {
  scorecraftRuntime?: Promise<Runtime>;
};

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
  const queue = await startQueue(database, {
    rescore: (job) => rescoreModel(database.db, job),
  });
  if (env.SEED_DEMO) await seedDemoWorkspace(database, queue);
  log.info("scorecraft ready", { database: database.kind });
  return { database, queue };
}

/** Opens the configured database (creating the PGlite directory on first use). */
export async function openDatabase(): Promise<Database> {
  if (env.DATABASE_URL) return createDatabase({ url: env.DATABASE_URL });
  const dataDir = path.resolve(env.DATA_DIR);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  return createDatabase({ dataDir });
}

/** Until accounts exist, every request acts as the demo workspace's admin. */
export const DEMO_ACTOR: Actor = {
  id: "demo-admin",
  name: "Demo Admin",
  role: "admin",
};

export async function createServiceContext(): Promise<
  ServiceContext & { workspace: WorkspaceInfo }
> {
  const { database, queue } = await getRuntime();
  const workspace = await findWorkspace(database, DEMO_WORKSPACE_SLUG);
  return {
    db: database.db,
    workspaceId: workspace.id,
    actor: DEMO_ACTOR,
    queue,
    workspace,
  };
}

export interface WorkspaceInfo {
  id: string;
  slug: string;
  name: string;
}

async function findWorkspace(database: Database, slug: string): Promise<WorkspaceInfo> {
  const [row] = await database.db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.slug, slug));
  if (!row) throw new Error(`workspace "${slug}" does not exist; start with SEED_DEMO=true`);
  return row;
}
