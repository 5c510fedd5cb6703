/**
 * Running a child process from a script so that stopping the script stops the child: it is
 * spawned directly (no shell, no `npx`, which do not pass signals on), SIGINT and SIGTERM are
 * forwarded to it, and the script waits for it to exit. A child that ignores the signal is killed
 * after a grace period, so nothing is left running once the script has exited.
 */
import { spawn, type SpawnOptions } from "node:child_process";
import path from "node:path";

export const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM"] as const;
export type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number];

export interface ChildExit {
  /** The child's exit code (null when a signal ended it). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The signal this script received and passed on, if any. */
  forwarded: ForwardedSignal | null;
}

export interface RunChildOptions extends Pick<SpawnOptions, "env" | "cwd" | "stdio"> {
  /** How long the child may take to stop after a forwarded signal before it is killed. */
  graceMs?: number;
}

/** `node_modules/<package>/<bin>` run with this Node binary (no shell wrapper in between). */
export function nodeBin(root: string, relative: string): { command: string; args: string[] } {
  return { command: process.execPath, args: [path.join(root, "node_modules", relative)] };
}

export function runChild(
  command: string,
  args: readonly string[],
  options: RunChildOptions = {},
): Promise<ChildExit> {
  const { graceMs = 30_000, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...spawnOptions, shell: false });
    let forwarded: ForwardedSignal | null = null;
    let killTimer: NodeJS.Timeout | null = null;
    const handlers = FORWARDED_SIGNALS.map((signal) => {
      const handler = () => {
        // A second Ctrl-C (or SIGTERM) while stopping is passed on too; the child decides.
        forwarded ??= signal;
        child.kill(signal);
        killTimer ??= setTimeout(() => child.kill("SIGKILL"), graceMs);
        killTimer.unref();
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    const cleanup = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      if (killTimer) clearTimeout(killTimer);
    };
    child.once("error", (error) => {
      cleanup();
      reject(error);
    });
    child.once("exit", (code, signal) => {
      cleanup();
      resolve({ code, signal, forwarded });
    });
  });
}

/**
 * The exit code for the script: 0 when it was asked to stop and the child stopped (whether it
 * exited 0, with 128 + the signal number as Next does, or by the signal itself); otherwise the
 * child's own code (1 when a signal nobody sent killed it).
 */
export function exitCodeOf(exit: ChildExit): number {
  if (exit.forwarded) {
    const stoppedBySignal =
      exit.code === 0 ||
      exit.code === 130 ||
      exit.code === 143 ||
      exit.signal === "SIGINT" ||
      exit.signal === "SIGTERM";
    return stoppedBySignal ? 0 : (exit.code ?? 1);
  }
  return exit.code ?? 1;
}
