/**
 * Failure isolation for the scorers: one model that cannot be scored (a data error in its SQL)
 * is recorded as failing with a safe message and skipped, while every other model and workspace
 * keeps scoring. Transient database trouble (lock or statement timeouts, deadlocks, a lost
 * connection) is not the model's fault: that work is simply retried later.
 */
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Executor } from "../../../db";
import { scoreModels } from "../../../db/schema";
import { ServiceError } from "../../errors";
import { log } from "../../log";
import { pgErrorCode } from "../db-errors";

/** SQLSTATE classes that say nothing about the model: retry the work, blame nobody. */
const TRANSIENT_CLASSES = ["08", "40", "53", "55", "57"];

export function isTransientDbError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code !== undefined && TRANSIENT_CLASSES.includes(code.slice(0, 2));
}

/** What the model's page says; the error itself goes to the server log. */
export function scoringFailureMessage(error: unknown): string {
  const code = pgErrorCode(error);
  if (code === "22003") {
    return "A value in this model is out of range while scoring (points or caps too large). Edit and publish a new version.";
  }
  if (code?.startsWith("22")) {
    return "This model's data could not be scored (a value Postgres refused). Edit and publish a new version.";
  }
  return "Scoring this model failed; the details are in the server log.";
}

export async function recordModelFailure(
  db: Executor,
  workspaceId: string,
  modelId: string,
  error: unknown,
): Promise<void> {
  log.error("scoring a model failed; it is marked failing, other models keep scoring", {
    workspaceId,
    modelId,
    err: error,
  });
  await db
    .update(scoreModels)
    .set({ scoringError: scoringFailureMessage(error), scoringFailedAt: new Date() })
    .where(and(eq(scoreModels.workspaceId, workspaceId), eq(scoreModels.id, modelId)));
}

export async function clearModelFailures(
  db: Executor,
  workspaceId: string,
  modelIds: readonly string[],
): Promise<void> {
  if (modelIds.length === 0) return;
  await db
    .update(scoreModels)
    .set({ scoringError: null, scoringFailedAt: null })
    .where(
      and(
        eq(scoreModels.workspaceId, workspaceId),
        inArray(scoreModels.id, [...modelIds]),
        isNotNull(scoreModels.scoringError),
      ),
    );
}

/**
 * A single-contact result that float8 cannot hold (a version stored before the document bounds
 * existed) is refused with a clear error instead of answering `raw: null`.
 */
export function requireFiniteRaw(raw: number, modelKey: string): void {
  if (!Number.isFinite(raw)) {
    throw new ServiceError(
      "UNPROCESSABLE",
      `Model "${modelKey}" adds up to more points than can be represented; edit its points and publish a new version`,
    );
  }
}
