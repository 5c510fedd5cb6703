/**
 * `npm run db:migrate` (with --no-seed) and `npm run db:seed`: migrate the configured database and,
 * unless told not to, seed the demo workspace and compute its scores, then exit.
 * Do not run it while the server is running on the same PGlite directory (one process per dir).
 */
import { and, eq, inArray } from "drizzle-orm";
import { DatabaseUnreachableError } from "../db";
import { scoreRuns } from "../db/schema";

const seed = !process.argv.includes("--no-seed");

try {
  const { env } = await import("../server/env");
  const { openAuth, openDatabase } = await import("../server/runtime");
  const { seedDemoWorkspace } = await import("../server/services/workspace/seed-demo-workspace");
  const { rescoreModel } = await import("../server/services/scoring/rescore-model");
  const database = await openDatabase();
  await database.migrate();
  console.log(`migrated (${database.kind}${env.DATABASE_URL ? "" : `, ${env.DATA_DIR}`})`);
  if (seed) {
    const queued: { workspaceId: string; runId: string }[] = [];
    const collector = {
      enqueueRescore: async (job: (typeof queued)[number]) => void queued.push(job),
    };
    const auth = await openAuth(database);
    const { seeded, workspaceId } = await seedDemoWorkspace(database, collector, auth);
    console.log(seeded ? "seeded the demo workspace" : "the demo workspace was already seeded");
    for (const job of queued) {
      await rescoreModel({ ctx: { db: database.db }, input: { ...job } });
    }
    const pending = await database.db
      .select({ id: scoreRuns.id })
      .from(scoreRuns)
      .where(and(eq(scoreRuns.workspaceId, workspaceId), inArray(scoreRuns.status, ["queued"])));
    console.log(
      `scored ${queued.length} models${pending.length ? `; ${pending.length} runs still queued` : ""}`,
    );
  }
  await database.close();
} catch (error) {
  if (
    error instanceof DatabaseUnreachableError ||
    (error as Error).message?.startsWith("Invalid environment")
  ) {
    console.error(`scorecraft: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
}
