import { and, eq } from "drizzle-orm";
import type { Database } from "../../../db";
import { DEMO_MODELS } from "../../../db/seed/demo-models";
import { insertDemoData } from "../../../db/seed/insert";
import { analyzeStaleTables } from "../db-maintenance";
import { memberships, scoreModels, users, workspaces } from "../../../db/schema";
import type { Auth } from "../../auth";
import type { Actor, ServiceContext } from "../../context";
import type { JobQueue } from "../../jobs/queue";
import { log } from "../../log";
import { importScoreModel } from "../score-model/import";
import { publishScoreModel } from "../score-model/publish";

export const DEMO_WORKSPACE_SLUG = "demo";
/** The demo admin's credentials, shown on the sign-in page and in the README. */
export const DEMO_USER = {
  email: "demo@scorecraft.dev",
  password: "scorecraft-demo",
  name: "Demo Admin",
};
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
  auth: Auth,
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
  const demoUserId = await ensureDemoUser(database, auth);
  await db
    .insert(memberships)
    .values({ workspaceId: workspace.id, userId: demoUserId, role: "admin" })
    .onConflictDoNothing();
  const counts = await insertDemoData(database, {
    workspaceId: workspace.id,
    now: options.now ?? new Date(),
  });
  // Fresh tables: give the planner real statistics before the first rescores run.
  await analyzeStaleTables(db);
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

/** The demo admin, signed up through the auth library so the password is hashed like any other. */
async function ensureDemoUser(database: Database, auth: Auth): Promise<string> {
  const existing = async () =>
    (
      await database.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USER.email))
    )[0];
  const found = await existing();
  if (found) return found.id;
  await auth.api.signUpEmail({ body: DEMO_USER });
  const created = await existing();
  if (!created) throw new Error("the demo user was not created");
  return created.id;
}
