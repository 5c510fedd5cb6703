/**
 * ensure-chromium's apt-get calls wait for another apt/dpkg process to release the dpkg lock
 * instead of failing with "Could not get lock". Run against a scratch dpkg directory (apt takes
 * its locks beside `Dir::State::status`), with a helper process holding the locks for a moment.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { aptGetArgs } from "../apt";

const hasApt =
  process.platform === "linux" &&
  process.getuid?.() === 0 &&
  spawnSync("apt-get", ["--version"]).status === 0 &&
  spawnSync("python3", ["--version"]).status === 0;
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A scratch dpkg dir whose lock files a python3 process holds (fcntl locks, as dpkg) for `ms`. */
async function heldLock(ms: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecraft-apt-"));
  dirs.push(dir);
  for (const f of ["status", "lock", "lock-frontend"]) fs.writeFileSync(path.join(dir, f), "");
  const holder = spawn(
    "python3",
    [
      "-c",
      "import fcntl,sys,time\n" +
        "fs=[open(sys.argv[1]+'/'+n,'w') for n in ('lock-frontend','lock')]\n" +
        "[fcntl.lockf(f,fcntl.LOCK_EX) for f in fs]\n" +
        "print('held',flush=True)\n" +
        "time.sleep(float(sys.argv[2]))",
      dir,
      String(ms / 1000),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
  return dir;
}

function aptCheck(dir: string, args: string[]) {
  return spawnSync("apt-get", ["-o", `Dir::State::status=${path.join(dir, "status")}`, ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe.skipIf(!hasApt)("apt-get while another process holds the dpkg lock", () => {
  it("waits for the lock with the script's arguments", async () => {
    const dir = await heldLock(1_500);
    const result = aptCheck(dir, aptGetArgs(["check"], 30));
    expect(result.stderr).not.toMatch(/Could not get lock/);
    expect(result.status).toBe(0);
  }, 60_000);

  it("fails at once without them (what the script used to do)", async () => {
    const dir = await heldLock(1_500);
    const result = aptCheck(dir, ["check"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Could not get lock/);
  }, 60_000);
});
