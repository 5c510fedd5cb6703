/**
 * Database access: PGlite (embedded, the zero-install default, data in `.data/`) or a Postgres
 * server through postgres.js when a URL is given. Both run the same migrations and queries.
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export { schema };
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** The underlying client, for bulk work drizzle is slow at (COPY, unnest) and for pg-boss. */
  client:
    | { kind: "pglite"; pglite: PGlite }
    | { kind: "postgres"; sql: postgres.Sql; url: string; timeouts?: DatabaseTimeouts | undefined };
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** `postgres://…`: use a server. Absent: embedded PGlite. */
  url?: string | undefined;
  /** PGlite data directory; absent or `memory://` keeps the database in memory. */
  dataDir?: string | undefined;
  /** Pool size for postgres.js. */
  maxConnections?: number | undefined;
  /**
   * Server-side limits on every connection (milliseconds; 0 or absent = none). A statement left
   * running by a crashed process, or a transaction left open, is cut off by the server instead of
   * holding row locks for minutes. PGlite is one connection in-process: nothing to limit.
   */
  timeouts?: DatabaseTimeouts | undefined;
}

export interface DatabaseTimeouts {
  statementMs?: number;
  lockMs?: number;
  idleInTransactionMs?: number;
}

/** The timeouts as Postgres connection parameters (postgres.js and node-postgres alike). */
export function timeoutParameters(timeouts: DatabaseTimeouts | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (timeouts?.statementMs) out.statement_timeout = timeouts.statementMs;
  if (timeouts?.lockMs) out.lock_timeout = timeouts.lockMs;
  if (timeouts?.idleInTransactionMs)
    out.idle_in_transaction_session_timeout = timeouts.idleInTransactionMs;
  return out;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Thrown when a configured Postgres server cannot be reached, with a one-line message. */
export class DatabaseUnreachableError extends Error {
  override name = "DatabaseUnreachableError";
}

export async function createDatabase(config: DatabaseConfig = {}): Promise<Database> {
  if (config.url) return createPostgres(config.url, config.maxConnections ?? 10, config.timeouts);
  return createPglite(config.dataDir);
}

async function createPglite(dataDir: string | undefined): Promise<Database> {
  const pglite = await PGlite.create(dataDir && dataDir !== "memory://" ? dataDir : undefined);
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    client: { kind: "pglite", pglite },
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pglite.close(),
  };
}

async function createPostgres(
  url: string,
  max: number,
  timeouts: DatabaseTimeouts | undefined,
): Promise<Database> {
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: 5,
    connection: timeoutParameters(timeouts),
  });
  try {
    await sql`select 1`;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseUnreachableError(
      `Cannot reach the Postgres server at ${redactUrl(url)}: ${describeError(error)}. ` +
        `Start it, fix DATABASE_URL, or unset DATABASE_URL to use the embedded database.`,
    );
  }
  const db = drizzlePostgres(sql, { schema }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    client: { kind: "postgres", sql, url, timeouts },
    // On a connection of its own without the statement timeout: adding a foreign key or an index
    // to a large table may legitimately take longer than any request should.
    migrate: async () => {
      const single = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
      try {
        await migratePostgres(drizzlePostgres(single) as never, {
          migrationsFolder: MIGRATIONS_FOLDER,
        });
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Runs raw SQL and returns its rows: postgres-js gives an array, PGlite `{ rows }`. */
export async function query<T extends Record<string, unknown>>(
  executor: Executor,
  statement: SQL,
): Promise<T[]> {
  const result = (await executor.execute(statement)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function describeError(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { code?: string; message?: string };
    if (e.code === "ECONNREFUSED") return "connection refused";
    if (e.code === "ENOTFOUND") return "host not found";
    if (e.code === "CONNECT_TIMEOUT") return "connection timed out";
    if (e.message) return e.message;
  }
  return String(error);
}
