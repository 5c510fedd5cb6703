/**
 * Authentication with better-auth: email + password (scrypt hashes), sessions in the database,
 * login rate limiting, httpOnly SameSite cookies (Secure when served over https).
 */
import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import {
  accounts,
  instanceSettings,
  rateLimits,
  sessions,
  users,
  verifications,
} from "../db/schema";

export interface AuthOptions {
  secret: string;
  /** The URL users open, e.g. http://localhost:3000. */
  baseURL: string;
  /** Extra origins allowed to call the auth endpoints (same app under another host name). */
  trustedOrigins?: string[];
}

export function createAuth(db: Db, options: AuthOptions) {
  return betterAuth({
    appName: "Scorecraft",
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: "/api/auth",
    trustedOrigins: options.trustedOrigins ?? [],
    database: drizzleAdapter(db, {
      provider: "pg",
      usePlural: true,
      schema: { users, sessions, accounts, verifications, rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "rateLimit",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-up/email": { window: 60, max: 10 },
      },
    },
    advanced: {
      // One address the server itself wrote (server/client-address.ts), never the client's value.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      // better-auth skips its Origin/CSRF checks when NODE_ENV=test unless told otherwise; the
      // checks must be the ones production runs, so tests exercise them too.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      useSecureCookies: options.baseURL.startsWith("https://"),
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * The auth routes' handler. better-auth's 429 says when to retry only in `X-Retry-After`; clients
 * and proxies read the standard `Retry-After`, so it is copied there.
 */
export async function handleAuthRequest(auth: Pick<Auth, "handler">, request: Request) {
  const response = await auth.handler(request);
  if (response.status !== 429 || response.headers.has("retry-after")) return response;
  const retryAfter = response.headers.get("x-retry-after");
  if (!retryAfter) return response;
  const headers = new Headers(response.headers);
  headers.set("retry-after", retryAfter);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

const SECRET_KEY = "auth_secret";

/** The configured secret, or one generated on first start and kept in the database. */
export async function resolveAuthSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insert(instanceSettings)
    .values({ key: SECRET_KEY, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db
    .select({ value: instanceSettings.value })
    .from(instanceSettings)
    .where(eq(instanceSettings.key, SECRET_KEY));
  if (!row) throw new Error("could not store the auth secret");
  return row.value;
}

/** localhost and 127.0.0.1 are the same app to a user; trust both for a local base URL. */
export function localAliases(baseURL: string): string[] {
  const url = new URL(baseURL);
  const swap = { localhost: "127.0.0.1", "127.0.0.1": "localhost" } as Record<string, string>;
  const other = swap[url.hostname];
  if (!other) return [];
  url.hostname = other;
  return [url.origin];
}
