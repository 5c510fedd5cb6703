/**
 * The incremental scorer: drains the dirty-contact queue continuously, so a committed change is in
 * the stored scores within about one poll interval plus the scoring time of its batch.
 */
import type { Db } from "../../db";
import { log } from "../log";
import { rescoreDirty } from "../services/scoring/rescore-dirty";

export interface IncrementalScorer {
  stop(): Promise<void>;
  /** Resolves once the queue is empty (tests, benchmarks). */
  drain(): Promise<void>;
}

export function startIncrementalScorer(
  db: Db,
  options: { intervalMs?: number; batchSize?: number } = {},
): IncrementalScorer {
  const intervalMs = options.intervalMs ?? 100;
  const batchSize = options.batchSize ?? 1_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function tick(): Promise<void> {
    try {
      for (;;) {
        const result = await rescoreDirty(db, { limit: batchSize });
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
