import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db";
import { DEMO_MODELS } from "../../../db/seed/demo-models";
import { insertDemoData } from "../../../db/seed/insert";
import { scoreModels, workspaces } from "../../../db/schema";
import type { Actor, ServiceContext } from "../../context";
import type { JobQueue } from "../../jobs/queue";
import { log } from "../../log";
import { importScoreModel } from "../score-model/import";
import { publishScoreModel } from "../score-model/publish";

export const DEMO_WORKSPACE_SLUG = "demo";
const SYSTEM_ACTOR: Actor = { id: "system", name: "Scorecraft", role: "admin" };

/**
 * Seeds the demo workspace the first time: contacts and activities derived from a public data set,
 * and three example models, published (which queues their full rescore). Safe to call on every
 * start: it does nothing once a seed has finished, and an interrupted seed resumes
 * (the inserts are idempotent).
 */
export async function seedDemoWorkspace(
  database: Database,
  queue: JobQueue,
  options: { now?: Date } = {},
): Promise<{ seeded: boolean; workspaceId: string }> {
  const db = database.db;
  await db
    .insert(workspaces)
    .values({ slug: DEMO_WORKSPACE_SLUG, name: "Demo workspace" })
    .onConflictDoNothing();
  const [workspace] = await db
    .select({ id: workspaces.id, seededAt: workspaces.seededAt })
    .from(workspaces)
    .where(eq(workspaces.slug, DEMO_WORKSPACE_SLUG));
  if (!workspace) throw new Error("demo workspace missing after insert");

  if (workspace.seededAt) return { seeded: false, workspaceId: workspace.id };

  const started = Date.now();
  const counts = await insertDemoData(database, {
    workspaceId: workspace.id,
    now: options.now ?? new Date(),
  });
  const ctx: ServiceContext = {
    db,
    workspaceId: workspace.id,
    actor: SYSTEM_ACTOR,
    queue,
  };
  for (const document of DEMO_MODELS) {
    const [existing] = await db
      .select({ latestVersion: scoreModels.latestVersion })
      .from(scoreModels)
      .where(and(eq(scoreModels.workspaceId, workspace.id), eq(scoreModels.key, document.key)));
    if (existing?.latestVersion) continue;
    await importScoreModel({ ctx, input: { document } });
    await publishScoreModel({
      ctx,
      input: { key: document.key, note: "Example model" },
    });
  }
  await db.update(workspaces).set({ seededAt: new Date() }).where(eq(workspaces.id, workspace.id));
  log.info("demo workspace seeded", { ...counts, ms: Date.now() - started });
  return { seeded: true, workspaceId: workspace.id };
}
