/**
 * Stopping the server process on SIGTERM or SIGINT without losing work: the job queue stops
 * taking jobs and waits for the ones in flight (an import commits its current batch; an
 * interrupted one resumes from its last batch on the next start), the incremental scorer finishes
 * its batch, then the database is closed (PGlite flushes its files) and the process exits 0.
 * Each step is bounded, so a stuck step cannot keep the process alive; a second signal exits at
 * once.
 */
import { log } from "./log";

export interface ShutdownStep {
  name: string;
  run: () => Promise<void>;
}

export interface ShutdownOptions {
  /** Longest wait for all steps together, after which the process exits with 1. */
  timeoutMs?: number;
  exit?: (code: number) => void;
  /** Where the handlers are installed (tests pass an emitter). */
  target?: Pick<NodeJS.Process, "on" | "off">;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/** Runs the steps in order, each even if an earlier one failed; resolves true if all succeeded. */
export async function runShutdownSteps(steps: readonly ShutdownStep[]): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      ok = false;
      log.error(`shutdown: ${step.name} failed`, { err: error });
    }
  }
  return ok;
}

/** Installs the signal handlers; returns a function that removes them. */
export function onShutdownSignal(
  steps: readonly ShutdownStep[],
  { timeoutMs = 30_000, exit = (code) => process.exit(code), target = process }: ShutdownOptions = {},
): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn("shutdown: second signal, exiting now", { signal });
      exit(1);
      return;
    }
    stopping = true;
    log.info("shutting down", { signal });
    const timer = setTimeout(() => {
      log.error("shutdown: steps did not finish in time, exiting", { timeoutMs });
      exit(1);
    }, timeoutMs);
    timer.unref();
    void runShutdownSteps(steps).then((ok) => {
      clearTimeout(timer);
      log.info("shut down", { clean: ok });
      exit(ok ? 0 : 1);
    });
  };
  // Kept installed while stopping, so a second signal is handled here, not by the default action.
  for (const s of SIGNALS) target.on(s, handler);
  return () => {
    for (const s of SIGNALS) target.off(s, handler);
  };
}
