/**
 * The app under test, started by Playwright's webServer: a production build (`next build`, unless
 * E2E_SKIP_BUILD=1) served by `next start` against a FRESH temporary PGlite directory, which the
 * server migrates and seeds with the demo workspace on boot. The directory is removed on exit.
 * PGlite allows one process per data directory, so every run gets its own.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

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

if (process.env.E2E_SKIP_BUILD !== "1") {
  console.log("[e2e] next build");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) {
    cleanup();
    console.error("[e2e] next build failed");
    process.exit(build.status ?? 1);
  }
}

console.log(`[e2e] next start on :${port} with DATA_DIR=${env.DATA_DIR}`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env });

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 0 : 1));
});
