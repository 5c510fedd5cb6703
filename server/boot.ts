/**
 * Server start-up (Node runtime only): open the database, migrate, seed the demo workspace on the
 * first start and start the background workers, all in this one process (PGlite allows a single
 * process per data directory). An unreachable database is one clear line, then exit.
 */
import { DatabaseUnreachableError } from "../db";
import { installClientAddressHook } from "./client-address";
import { env } from "./env";
import { getRuntime } from "./runtime";

const globalForBoot = globalThis as unknown as { scorecraftClientAddressHook?: () => void };

export async function bootServer(): Promise<void> {
  // `next build` loads the server to prerender: nothing to open or start then.
  if (env.NEXT_PHASE === "phase-production-build") return;
  // Before anything can answer a request: handlers must never see a client-chosen address.
  globalForBoot.scorecraftClientAddressHook ??= installClientAddressHook(env.TRUST_PROXY);
  try {
    await getRuntime();
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) {
      console.error(`scorecraft: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
