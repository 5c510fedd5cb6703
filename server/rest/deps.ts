/**
 * What route handlers need from the process: the database and the job queue. In the server they
 * come from the runtime (booted once); tests install their own database and a recording queue.
 */
import type { Db } from "../../db";
import type { JobQueue } from "../jobs/queue";

export interface ApiDeps {
  db: Db;
  queue: JobQueue;
}

const globalForDeps = globalThis as unknown as { scorecraftApiDeps?: ApiDeps | null };

export function setApiDepsForTesting(deps: ApiDeps | null): void {
  globalForDeps.scorecraftApiDeps = deps;
}

export async function getApiDeps(): Promise<ApiDeps> {
  const installed = globalForDeps.scorecraftApiDeps;
  if (installed) return installed;
  // Imported lazily so that loading a route module (tests, OpenAPI) does not boot the server.
  const { getRuntime } = await import("../runtime");
  const { database, queue } = await getRuntime();
  return { db: database.db, queue };
}
