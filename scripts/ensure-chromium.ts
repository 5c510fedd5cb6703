/**
 * Makes sure a Chromium binary exists for Playwright. We use Debian's `chromium` package instead
 * of Playwright's own browser download, which offline machines cannot fetch.
 * Installs it with apt-get when missing and we are root; otherwise fails with what to do.
 * Another apt or dpkg process (unattended upgrades, a parallel install) holding the dpkg lock is
 * waited for, up to a bound, instead of failing at once.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { aptGetArgs } from "./apt";

const CANDIDATES = ["chromium", "chromium-browser"];

function findChromium(): string | null {
  for (const name of CANDIDATES) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    const found = r.stdout.trim();
    if (r.status === 0 && found) return found;
  }
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
}

function run(cmd: string, args: string[]): void {
  console.log(`[ensure-chromium] $ ${cmd} ${args.join(" ")}`);
  execFileSync(cmd, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

const existing = findChromium();
if (existing) {
  console.log(`[ensure-chromium] using ${existing}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    "[ensure-chromium] No chromium binary on PATH and not running as root.\n" +
      "Install it with: sudo apt-get update && sudo apt-get install -y chromium",
  );
  process.exit(1);
}

console.log("[ensure-chromium] chromium not found; installing Debian's chromium package");
try {
  run("apt-get", aptGetArgs(["update"]));
  run("apt-get", aptGetArgs(["install", "-y", "chromium"]));
} catch (error) {
  console.error(`[ensure-chromium] apt-get failed: ${(error as Error).message}`);
  process.exit(1);
}

const installed = findChromium();
if (!installed) {
  console.error("[ensure-chromium] apt-get finished but no chromium binary was found on PATH");
  process.exit(1);
}
console.log(`[ensure-chromium] installed ${installed}`);
