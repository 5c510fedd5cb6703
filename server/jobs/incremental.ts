/**
 * The incremental scorer: drains the dirty-contact queue continuously, so a committed change is in
 * the stored scores within about one poll interval plus the scoring time of its batch.
 */
import type { Db } from "../../db";
import { log } from "../log";
import { releaseWorkerClaims, rescoreDirty } from "../services/scoring/rescore-dirty";

export interface IncrementalScorer {
  stop(): Promise<void>;
  /** Resolves once the queue is empty (tests, benchmarks). */
  drain(): Promise<void>;
}

export function startIncrementalScorer(
  db: Db,
  options: { intervalMs?: number; batchSize?: number; workerId?: string } = {},
): IncrementalScorer {
  const intervalMs = options.intervalMs ?? 100;
  const batchSize = options.batchSize ?? 1_000;
  const { workerId } = options;
  // Claims this worker held when it last stopped (a crash) are taken up again right away.
  let ready: Promise<unknown> = workerId
    ? releaseWorkerClaims(db, workerId)
        .then((n) => n > 0 && log.info("released claims left by a previous run", { claims: n }))
        .catch((error: unknown) => log.warn("could not release old claims", { err: error }))
    : Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function tick(): Promise<void> {
    try {
      await ready;
      ready = Promise.resolve();
      for (;;) {
        const result = await rescoreDirty({
          ctx: { db: db },
          input: { limit: batchSize, workerId },
        });
        if (result.contacts < batchSize || stopped) break;
      }
    } catch (error) {
      log.error("incremental scoring failed; will retry", { err: error });
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
        schedule();
      });
    }, intervalMs);
  }
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    async drain() {
      await running;
      await tick();
    },
  };
}
