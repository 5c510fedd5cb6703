/**
 * `npm test`: unit tests, integration tests on PGlite AND on the Postgres server, then the
 * browser tests. The Postgres suite is required: an unreachable server fails the run.
 * Ends with one summary line: "tests: N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecraft-test-"));
const vitestReport = path.join(outDir, "vitest.json");
const playwrightReport = path.join(outDir, "playwright.json");
const skipE2e = process.argv.includes("--no-e2e");

function run(command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return (
    spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1
  );
}

const vitestStatus = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);

let e2eStatus = 0;
if (!skipE2e) {
  e2eStatus = run("npx", ["tsx", "scripts/ensure-chromium.ts"]);
  if (e2eStatus === 0) {
    e2eStatus = run("npx", ["playwright", "test"], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
      PLAYWRIGHT_REPORTERS: "json",
    });
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const vitest = readJson(vitestReport) as {
  numPassedTests?: number;
  numFailedTests?: number;
} | null;
const playwright = readJson(playwrightReport) as {
  stats?: { expected?: number; unexpected?: number; flaky?: number };
} | null;
const passed =
  (vitest?.numPassedTests ?? 0) +
  (playwright?.stats?.expected ?? 0) +
  (playwright?.stats?.flaky ?? 0);
let failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0);
// A runner that crashed before reporting still fails the run.
if (vitestStatus !== 0 && failed === 0) failed = 1;
if (e2eStatus !== 0 && (playwright?.stats?.unexpected ?? 0) === 0) failed += 1;

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(vitestStatus === 0 && e2eStatus === 0 ? 0 : 1);
