/**
 * Transactions that survive lock conflicts: a deadlock or serialization failure aborts the whole
 * transaction, which is then safe to run again from the start (ingest batches are idempotent by
 * design). A bounded number of attempts with jittered backoff; if the conflict persists the caller
 * gets a 503 with Retry-After instead of a bare 500 (SPEC §7 clients retry).
 */
import type { Db, Tx } from "../../db";
import { ServiceError } from "../errors";
import { log } from "../log";
import { pgErrorCode } from "./db-errors";

/** deadlock_detected, serialization_failure, lock_not_available (lock_timeout). */
const RETRYABLE = new Set(["40P01", "40001", "55P03"]);

export function isRetryableConflict(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code !== undefined && RETRYABLE.has(code);
}

/** The database stayed too busy for this request; the client should retry after a moment. */
export class BusyError extends ServiceError {
  constructor(readonly retryAfterSeconds = 1) {
    super(
      "UNAVAILABLE",
      `The workspace is busy with concurrent writes; retry in ${retryAfterSeconds} s`,
      {
        retryAfterSeconds,
      },
    );
  }
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** What the log calls the work when a conflict is retried. */
  label?: string;
  /** Other failures that are safe to retry for this work. */
  also?: (error: unknown) => boolean;
}

/** Conflicts seen by this process since it started (the stress run and logs report them). */
export const conflictStats = { retried: 0, gaveUp: 0 };

export async function retryOnConflict<T>(
  run: () => Promise<T>,
  { attempts = 4, label = "transaction", also }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isRetryableConflict(error) && !also?.(error)) throw error;
      if (attempt >= attempts) {
        conflictStats.gaveUp += 1;
        log.warn(`${label}: lock conflicts persisted; answering busy`, {
          attempts,
          code: pgErrorCode(error),
        });
        throw new BusyError();
      }
      conflictStats.retried += 1;
      log.info(`${label}: retrying after a lock conflict`, { attempt, code: pgErrorCode(error) });
      // 10–40 ms, 20–80 ms, 40–160 ms: long enough for the other transaction to commit.
      const base = 10 * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, base + Math.random() * 3 * base));
    }
  }
}

/** `db.transaction(fn)`, re-run from the start on a deadlock or serialization failure. */
export function transactionWithRetry<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  options?: RetryOptions,
): Promise<T> {
  return retryOnConflict(() => db.transaction(fn), options);
}
