/**
 * The app under test, started by Playwright's webServer: a production build (`next build`, unless
 * E2E_SKIP_BUILD=1) served by `next start` against a FRESH temporary PGlite directory, which the
 * server migrates and seeds with the demo workspace on boot. The directory is removed on exit.
 * PGlite allows one process per data directory, so every run gets its own.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exitCodeOf, nodeBin, runChild } from "../../scripts/child";

const port = process.env.E2E_PORT ?? "3100";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecraft-e2e-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  DATA_DIR: path.join(dataDir, "pglite"),
  // Always the embedded database, even if the shell points at a Postgres server.
  DATABASE_URL: "",
  SEED_DEMO: "true",
  // Build and serve from their own directory so a test run never replaces the build `npm start` serves.
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next-e2e",
};

function cleanup() {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

// Next run with this Node binary directly (as scripts/start.ts does): `npx`/`sh` in between would
// not pass Playwright's SIGTERM on and would leave the server running after the tests.
const next = nodeBin(process.cwd(), "next/dist/bin/next");

if (process.env.E2E_SKIP_BUILD !== "1") {
  console.log("[e2e] next build");
  const build = await runChild(next.command, [...next.args, "build"], { env });
  if (build.forwarded || build.code !== 0) {
    cleanup();
    if (!build.forwarded) console.error("[e2e] next build failed");
    process.exit(build.forwarded ? exitCodeOf(build) : (build.code ?? 1));
  }
}

console.log(`[e2e] next start on :${port} with DATA_DIR=${env.DATA_DIR}`);
// The server drains and closes its database on the signal (server/shutdown.ts), then exits.
const exit = await runChild(next.command, [...next.args, "start", "-p", port], {
  env: { ...env, NEXT_MANUAL_SIG_HANDLE: "true" },
  graceMs: 45_000,
});
cleanup();
process.exit(exitCodeOf(exit));
