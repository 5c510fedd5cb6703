/**
 * A database, an upload directory and an editor's service context for CSV import tests, with a
 * queue that records the import jobs instead of running them (tests run them when they want).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { memberships } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { ServiceContext } from "../context";
import type { ImportJob } from "../jobs/queue";
import { setUploadDirForTests } from "../services/data-import/storage";
import { createUser, createWorkspace, recordingQueue } from "./fixtures";

export interface ImportWorld {
  database: TestDatabase;
  dir: string;
  ctx: ServiceContext;
  jobs: ImportJob[];
  close(): Promise<void>;
}

export async function openImportWorld(
  slug: string,
  email: string,
  name: string,
): Promise<ImportWorld> {
  const database = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `scorecraft-${slug}-`));
  setUploadDirForTests(dir);
  const ws = await createWorkspace(database, slug);
  const user = await createUser(database, email, name);
  await database.db
    .insert(memberships)
    .values({ workspaceId: ws.id, userId: user.id, role: "editor" });
  const jobs: ImportJob[] = [];
  const queue = {
    ...recordingQueue(),
    enqueueImport: async (job: ImportJob) => void jobs.push(job),
  };
  const ctx: ServiceContext = {
    db: database.db,
    workspaceId: ws.id,
    actor: { id: user.id, name: user.name, role: "editor" },
    queue,
  };
  return {
    database,
    dir,
    ctx,
    jobs,
    async close() {
      setUploadDirForTests(null);
      fs.rmSync(dir, { recursive: true, force: true });
      await database.destroy();
    },
  };
}
