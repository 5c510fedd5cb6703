/**
 * `npm start`: build the app if the build is missing or older than the sources, then serve it.
 * The server process itself migrates, seeds the demo workspace on first start and runs the
 * background workers (see instrumentation.ts).
 *
 * Stopping: SIGTERM or SIGINT is passed to the Next server, which drains the job queue, stops the
 * scorer and closes the database (server/shutdown.ts); this script exits once it has, with 0.
 * Next is run with this Node binary directly: `npx` and `sh` in between would not pass the signal
 * on and would leave the server running.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDatabase, DatabaseUnreachableError } from "../db";
import { exitCodeOf, nodeBin, runChild } from "./child";

const root = process.cwd();
const stampFile = path.join(root, ".next", "scorecraft-source-hash");
const SOURCE_DIRS = ["app", "components", "core", "db", "server", "trpc"];
const SOURCE_FILES = [
  "package-lock.json",
  "next.config.js",
  "instrumentation.ts",
  "proxy.ts",
  "postcss.config.mjs",
];

function fail(message: string): never {
  console.error(`scorecraft: ${message}`);
  process.exit(1);
}

async function loadEnv() {
  try {
    return (await import("../server/env")).env;
  } catch (error) {
    fail((error as Error).message);
  }
}

function sourceHash(): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) {
        if (child === "node_modules" || child.startsWith(".")) continue;
        visit(path.join(entry, child));
      }
    } else {
      hash.update(entry).update(fs.readFileSync(full));
    }
  };
  [...SOURCE_DIRS, ...SOURCE_FILES].forEach(visit);
  return hash.digest("hex");
}

const next = nodeBin(root, "next/dist/bin/next");

async function ensureBuild() {
  const hash = sourceHash();
  const built = fs.existsSync(path.join(root, ".next", "BUILD_ID"));
  if (built && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash) return;
  console.log("scorecraft: building the app (first start or sources changed)…");
  const result = await runChild(next.command, [...next.args, "build"], { env: process.env });
  if (result.forwarded) process.exit(exitCodeOf(result));
  if (result.code !== 0) fail("the build failed (see above)");
  fs.writeFileSync(stampFile, hash);
}

async function checkDatabase(url: string | undefined) {
  if (!url) return;
  try {
    const database = await createDatabase({ url, maxConnections: 1 });
    await database.close();
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) fail(error.message);
    throw error;
  }
}

const env = await loadEnv();
await checkDatabase(env.DATABASE_URL);
await ensureBuild();
console.log(
  `scorecraft: starting on http://localhost:${env.PORT} (${
    env.DATABASE_URL ? "Postgres server" : `embedded database in ${env.DATA_DIR}`
  })`,
);
const exit = await runChild(next.command, [...next.args, "start", "-p", String(env.PORT)], {
  // The server handles SIGTERM/SIGINT itself (drain, then exit) instead of Next's immediate exit.
  env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: "true" },
  // Longer than the server's own bound on draining (server/shutdown.ts).
  graceMs: 45_000,
});
process.exit(exitCodeOf(exit));
