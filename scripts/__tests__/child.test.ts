/**
 * Stopping `npm start`: a signal sent to the supervising script reaches the server process, the
 * script waits for it and exits 0, and no process of the tree is left running (the server used to
 * keep running because `npx`/`sh` did not pass SIGTERM on).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exitCodeOf } from "../child";

const fixtures = path.join(import.meta.dirname, "fixtures");
const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    const pid = readPid(dir);
    if (pid !== null && alive(pid)) process.kill(pid, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function readPid(dir: string): number | null {
  const file = path.join(dir, "pid");
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => T | null, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the supervisor, waits for the stub server, signals the supervisor, returns its exit. */
async function stopTree(mode: "drain" | "stubborn", signal: "SIGTERM" | "SIGINT") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorecraft-start-"));
  dirs.push(dir);
  const supervisor = spawn(process.execPath, [tsx, path.join(fixtures, "supervisor.ts"), mode, dir], {
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) => supervisor.once("exit", (code) => resolve(code)));
  const pid = await waitFor(() => readPid(dir), 20_000);
  supervisor.kill(signal);
  const code = await exited;
  return { code, serverPid: pid, dir };
}

describe("the start script's process tree", () => {
  it("passes SIGTERM to the server, waits for it to drain, and exits 0 with nothing left", async () => {
    const { code, serverPid, dir } = await stopTree("drain", "SIGTERM");
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "drained"), "utf8")).toBe("SIGTERM");
    expect(alive(serverPid)).toBe(false);
  }, 30_000);

  it("passes SIGINT (Ctrl-C) on the same way", async () => {
    const { code, serverPid, dir } = await stopTree("drain", "SIGINT");
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "drained"), "utf8")).toBe("SIGINT");
    expect(alive(serverPid)).toBe(false);
  }, 30_000);

  it("kills a server that ignores the signal after the grace period, and says it did not stop cleanly", async () => {
    const { code, serverPid } = await stopTree("stubborn", "SIGTERM");
    expect(code).not.toBe(0);
    expect(alive(serverPid)).toBe(false);
  }, 30_000);
});

describe("exitCodeOf", () => {
  it("is 0 when the script was asked to stop and the child stopped, else the child's code", () => {
    expect(exitCodeOf({ code: 143, signal: null, forwarded: "SIGTERM" })).toBe(0);
    expect(exitCodeOf({ code: null, signal: "SIGINT", forwarded: "SIGINT" })).toBe(0);
    expect(exitCodeOf({ code: null, signal: "SIGKILL", forwarded: "SIGTERM" })).toBe(1);
    expect(exitCodeOf({ code: 2, signal: null, forwarded: null })).toBe(2);
    expect(exitCodeOf({ code: 0, signal: null, forwarded: null })).toBe(0);
  });
});
