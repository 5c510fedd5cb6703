import { scoreRuns } from "../../../db/schema";
import type { Executor } from "../../../db";

/**
 * Records a queued full rescore of one model version and returns its id. The caller enqueues
 * the job in the same transaction (`enqueueRescore(job, { tx })`), so the worker always finds the
 * run and a committed run always has its job.
 */
export async function scheduleRescore(
  db: Executor,
  workspaceId: string,
  modelId: string,
  version: number,
): Promise<string> {
  const [run] = await db
    .insert(scoreRuns)
    .values({ workspaceId, modelId, version, status: "queued" })
    .returning({ id: scoreRuns.id });
  if (!run) throw new Error("insert returned no run");
  return run.id;
}
