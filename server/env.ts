/**
 * The one place the server reads `process.env`: validated once; everything else imports `env`.
 * Code that runs in the browser reads `trpc/public-env.ts` instead. Build and test tooling
 * (next.config.js, playwright.config.ts, scripts/, bench/, db/testing.ts) reads its own switches;
 * eslint.config.mjs enforces this list.
 */
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Set by Next: `phase-production-build` while `next build` prerenders (nothing is started). */
  NEXT_PHASE: z.string().optional(),
  /** A Postgres server (`postgres://user@host:5432/db`). Unset: embedded PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** PGlite data directory (one process per directory). */
  DATA_DIR: z.string().default(".data/pglite"),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Seed the demo workspace on first start. */
  SEED_DEMO: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Minutes between scheduled refreshes that apply decay and inactivity windows (1–60). */
  SCORE_REFRESH_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
  /** Signs session cookies. Unset: generated once and kept in the database. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The URL users open (for cookies, origin checks and invitation links). */
  APP_URL: z.string().url().optional(),
  /**
   * A reverse proxy is in front and appends the client's address to X-Forwarded-For. Otherwise
   * forwarding headers are the client's own claims: the socket's address is used and they are
   * dropped (login rate limits, the tracking collector's per-address limit).
   */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** CSV imports: where uploaded files are kept (default: `uploads/` beside DATA_DIR). */
  UPLOAD_DIR: z.string().optional(),
  /** CSV imports: largest file accepted, in bytes (larger: 413 while streaming). */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
  /** CSV imports: most bytes one person's uploads not yet imported may hold in a workspace. */
  IMPORT_PENDING_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  /** CSV imports: hours an uploaded file that was never started is kept before it is deleted. */
  IMPORT_UNSTARTED_RETENTION_HOURS: z.coerce.number().positive().default(24),
  /** CSV imports: days the file of a failed or cancelled import is kept before it is deleted. */
  IMPORT_FAILED_RETENTION_DAYS: z.coerce.number().positive().default(7),
  /** Public API (/api/v1): sustained requests per second per API key (token bucket refill). */
  API_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(50),
  /** Public API: requests a key may send at once before the sustained rate applies (bucket size). */
  API_RATE_LIMIT_BURST: z.coerce.number().int().positive().default(100),
  /** Public API: largest request body accepted, in bytes (larger: 413 before parsing). */
  API_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  /** Postgres server: longest a statement may run, in ms (0: no limit). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(120_000),
  /** Postgres server: longest a statement may wait for a row lock, in ms (0: no limit). */
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  /** Postgres server: longest a transaction may sit idle, in ms (0: no limit). */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
});

export type Env = z.infer<typeof EnvSchema>;

function loadEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment: ${lines.join("; ")}`);
  }
  return parsed.data;
}

export const env: Env = loadEnv();
