/**
 * API-key authentication and authorization for /api/v1. Keys arrive as `Authorization: Bearer
 * <key>`, as HTTP Basic with the key as user name (what Segment and RudderStack webhook
 * destinations send), or in the body for the browser collector (sendBeacon cannot set headers).
 * Each authenticated key spends a token of its rate-limit bucket before its scope is checked.
 */
import type { Db } from "../../db";
import type { Actor, Role, ServiceContext } from "../context";
import { ForbiddenError, ServiceError } from "../errors";
import type { JobQueue } from "../jobs/queue";
import {
  authenticateApiKey,
  scopeAllows,
  type ApiKeyScope,
} from "../services/api-key/authenticate";
import { apiRateLimiter } from "./config";
import { RateLimitedError } from "./errors";

export type { ApiKeyScope };

export interface ApiPrincipal {
  keyId: string;
  workspaceId: string;
  scope: ApiKeyScope;
  /** The key's recognisable start (`sc_` + 8), as lists show it. */
  prefix: string;
}

/** Same length as the prefix stored when a key is created (server/services/api-key/create.ts). */
const PREFIX_LENGTH = 11;

/** The key in an Authorization header (Bearer, or Basic with the key as user or password). */
export function keyFromAuthorization(header: string | null): string | null {
  const value = header?.trim() ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(value);
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=_-]+)$/i.exec(value);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const user = colon === -1 ? decoded : decoded.slice(0, colon);
    const password = colon === -1 ? "" : decoded.slice(colon + 1);
    return user || password || null;
  }
  return null;
}

/** The role services see for a key: admin → admin, write → editor, read → viewer. */
export function roleForScope(scope: ApiKeyScope): Role {
  switch (scope) {
    case "admin":
      return "admin";
    case "write":
    case "publishable":
      // A publishable key only ever reaches the collector, which writes activity.
      return "editor";
    case "read":
      return "viewer";
  }
}

export function actorFor(principal: ApiPrincipal): Actor {
  return {
    id: `api-key:${principal.keyId}`,
    name: `API key ${principal.prefix}`,
    role: roleForScope(principal.scope),
  };
}

export function serviceContext(
  deps: { db: ServiceContext["db"]; queue: JobQueue },
  principal: ApiPrincipal,
): ServiceContext {
  return {
    db: deps.db,
    queue: deps.queue,
    workspaceId: principal.workspaceId,
    actor: actorFor(principal),
  };
}

/**
 * 401 for a missing, unknown or revoked key; 429 past the key's rate; 403 when its scope does not
 * cover `needed`.
 */
export async function authorize(
  db: Db,
  key: string | null,
  needed: ApiKeyScope,
): Promise<ApiPrincipal> {
  if (!key) {
    throw new ServiceError("UNAUTHORIZED", "Missing API key: send Authorization: Bearer <key>");
  }
  const row = await authenticateApiKey({ ctx: { db }, input: { key } });
  const principal: ApiPrincipal = {
    keyId: row.id,
    workspaceId: row.workspaceId,
    scope: row.scope,
    prefix: key.slice(0, PREFIX_LENGTH),
  };
  const taken = apiRateLimiter().take(principal.keyId);
  if (!taken.ok) throw new RateLimitedError(taken.retryAfterSeconds);
  if (!scopeAllows(principal.scope, needed)) {
    throw new ForbiddenError(
      principal.scope === "publishable"
        ? "A publishable key can only send browser tracking events"
        : `This API key's scope (${principal.scope}) does not allow this; it needs ${needed}`,
    );
  }
  return principal;
}
