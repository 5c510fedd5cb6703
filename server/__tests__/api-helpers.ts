/**
 * Helpers for /api/v1 contract tests: a database with two workspaces and a key of every scope,
 * installed as the route handlers' dependencies, and a `call` that builds a real Request for an
 * exported route handler and reads the Response.
 */
import { and, eq } from "drizzle-orm";
import { activities, contacts } from "../../db/schema";
import type { TestDatabase } from "../../db/testing";
import { configureApiLimits } from "../rest/config";
import { setApiDepsForTesting } from "../rest/deps";
import type { ApiKeyScope } from "../services/api-key/authenticate";
import { insertApiKey } from "../services/api-key/create";
import { revokeApiKey } from "../services/api-key/revoke";
import { actor, createWorkspace, recordingQueue } from "./fixtures";

export const BASE = "http://localhost:3000/api/v1";

export type Keys = Record<ApiKeyScope, string> & {
  otherWrite: string;
  otherAdmin: string;
  revoked: string;
};

export interface ApiWorld {
  workspaceId: string;
  otherWorkspaceId: string;
  keys: Keys;
  queue: ReturnType<typeof recordingQueue>;
}

export async function setupApi(database: TestDatabase, slug: string): Promise<ApiWorld> {
  const ws = await createWorkspace(database, slug);
  const other = await createWorkspace(database, `${slug}-other`);
  const create = (workspaceId: string, scope: ApiKeyScope) =>
    insertApiKey(database.db, { workspaceId, name: scope, scope, createdBy: "test" });
  const revoked = await create(ws.id, "admin");
  await revokeApiKey({
    ctx: { db: database.db, workspaceId: ws.id, actor: actor("admin"), queue: recordingQueue() },
    input: { id: revoked.id },
  });
  const keys: Keys = {
    write: (await create(ws.id, "write")).key,
    read: (await create(ws.id, "read")).key,
    admin: (await create(ws.id, "admin")).key,
    publishable: (await create(ws.id, "publishable")).key,
    otherWrite: (await create(other.id, "write")).key,
    otherAdmin: (await create(other.id, "admin")).key,
    revoked: revoked.key,
  };
  const queue = recordingQueue();
  setApiDepsForTesting({ db: database.db, queue });
  // Generous by default; the rate-limit test lowers it.
  configureApiLimits({ ratePerSecond: 100_000, burst: 100_000 });
  return { workspaceId: ws.id, otherWorkspaceId: other.id, keys, queue };
}

export type Handler = (
  request: Request,
  context?: { params: Promise<never> },
) => Promise<Response> | Response;

export interface CallOptions {
  method?: string;
  key?: string | null;
  authorization?: string;
  body?: unknown;
  /** Sent as is (malformed JSON, oversized bodies). */
  rawBody?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  path?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: { error?: { code: string; message: string; details?: unknown } } & Record<string, unknown>;
  text: string;
}

export async function call(handler: unknown, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(`${BASE}${options.path ?? "/"}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(options.headers);
  if (options.authorization) headers.set("authorization", options.authorization);
  else if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined && !headers.has("content-type"))
    headers.set("content-type", "application/json");
  const request = new Request(url, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const response = await (handler as Handler)(request, {
    params: Promise.resolve(options.params ?? {}) as Promise<never>,
  });
  const text = await response.text();
  let json: CallResult["json"] = {};
  try {
    json = text ? (JSON.parse(text) as CallResult["json"]) : {};
  } catch {
    json = {};
  }
  return { status: response.status, headers: response.headers, json, text };
}

export function teardownApi(): void {
  setApiDepsForTesting(null);
}

/** A contact of the world's workspace by external id (undefined when absent). */
export async function findContactRow(
  database: TestDatabase,
  workspaceId: string,
  externalId: string,
) {
  const [row] = await database.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, externalId)));
  return row;
}

/** A contact's stored activities, by event id. */
export function activitiesOfContact(
  database: TestDatabase,
  workspaceId: string,
  contactId: number,
) {
  return database.db
    .select()
    .from(activities)
    .where(and(eq(activities.workspaceId, workspaceId), eq(activities.contactId, contactId)))
    .orderBy(activities.eventId);
}
