/**
 * Next calls `register` once when the server starts: open the database, migrate, seed the demo
 * workspace on first start, and start the background workers, all in this one process (PGlite
 * allows a single process per data directory).
 */
export async function register() {
  // NEXT_RUNTIME / NEXT_PHASE are Next's own switches, read before our env module can load.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getRuntime } = await import("./server/runtime");
  const { DatabaseUnreachableError } = await import("./db");
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
