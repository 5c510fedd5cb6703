/**
 * Test databases. Each test file gets its own: an in-memory PGlite, or a fresh database on the
 * Postgres server (dropped afterwards). The target comes from TEST_DB (`pglite` | `postgres`), set
 * by the Vitest project; the server from TEST_DATABASE_URL (default: the local `test` database).
 * An unreachable server fails the suite loudly — it never skips.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createDatabase, type Database, type DatabaseKind } from "./index";

// Test infrastructure is the one place besides server/env.ts that reads the environment.
const testEnv = process.env;

export const DEFAULT_TEST_DATABASE_URL =
  "postgres://postgres@127.0.0.1:5432/test";

export function testTarget(): DatabaseKind {
  const target = testEnv.TEST_DB ?? "pglite";
  if (target !== "pglite" && target !== "postgres") {
    throw new Error(`TEST_DB must be "pglite" or "postgres", got "${target}"`);
  }
  return target;
}

export interface TestDatabase extends Database {
  /** Drops the per-file database (Postgres) and closes connections. */
  destroy(): Promise<void>;
}

/** A migrated, empty database of the current test target. */
export async function createTestDatabase(
  kind: DatabaseKind = testTarget(),
  options: { maxConnections?: number } = {},
): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = await createDatabase({ dataDir: "memory://" });
    await database.migrate();
    return { ...database, destroy: () => database.close() };
  }
  const adminUrl = testEnv.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const name = `scorecraft_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, {
    max: 1,
    onnotice: () => {},
    connect_timeout: 5,
  });
  try {
    await admin.unsafe(`create database "${name}"`);
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    throw new Error(
      `The Postgres test suite needs a server at ${adminUrl} (set TEST_DATABASE_URL): ${String(
        (error as Error).message ?? error,
      )}`,
    );
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({
    url: url.toString(),
    maxConnections: options.maxConnections ?? 4,
  });
  await database.migrate();
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
