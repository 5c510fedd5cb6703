import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db";
import { API_KEY_SCOPES, apiKeys } from "../../../db/schema";
import { hashToken } from "../../crypto";
import { ServiceError } from "../../errors";

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * What a key may do: admin ⊇ everything; read and write are separate; `publishable` (public, in web
 * pages) may only reach the tracking collector, which a write key may call too (it is an ingest).
 */
export function scopeAllows(granted: ApiKeyScope, needed: ApiKeyScope): boolean {
  if (granted === "admin") return true;
  if (needed === "publishable") return granted === "write" || granted === "publishable";
  return granted === needed;
}

/** "Last used" is shown to the minute; writing it on every request would cost a commit per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves `Authorization: Bearer <key>` to its workspace and scope, or UNAUTHORIZED (unknown,
 * malformed or revoked keys look the same). Records the last use, at most once a minute per key.
 */
export async function authenticateApiKey(db: Executor, authorization: string | null) {
  const match = /^Bearer\s+(sc_[A-Za-z0-9_-]{20,})$/.exec(authorization?.trim() ?? "");
  if (!match?.[1]) throw new ServiceError("UNAUTHORIZED", "Missing or malformed API key");
  const [row] = await db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      scope: apiKeys.scope,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashToken(match[1])), isNull(apiKeys.revokedAt)));
  if (!row) throw new ServiceError("UNAUTHORIZED", "Unknown or revoked API key");
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(and(eq(apiKeys.workspaceId, row.workspaceId), eq(apiKeys.id, row.id)));
  }
  return { id: row.id, workspaceId: row.workspaceId, scope: row.scope };
}
