import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { API_KEY_SCOPES, apiKeys } from "../../../db/schema";
import { hashToken } from "../../crypto";
import { systemService } from "../../context";
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

/** `sc_` and 32 random bytes in base64url (create.ts); anything else is refused before a query. */
export const API_KEY_FORMAT = /^sc_[A-Za-z0-9_-]{43}$/;

export const AuthenticateApiKeyInput = z.object({ key: z.string().max(200) });

/**
 * Resolves an API key to its workspace and scope, or UNAUTHORIZED (unknown, malformed and revoked
 * keys look the same). Records the last use, at most once a minute per key. The edge finds the key
 * (a header, a body field); this service only ever sees its value.
 */
export const authenticateApiKey = systemService(AuthenticateApiKeyInput, async ({ ctx, input }) => {
  if (!API_KEY_FORMAT.test(input.key)) {
    throw new ServiceError("UNAUTHORIZED", "Unknown or revoked API key");
  }
  const [row] = await ctx.db
    .select({
      id: apiKeys.id,
      workspaceId: apiKeys.workspaceId,
      scope: apiKeys.scope,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashToken(input.key)), isNull(apiKeys.revokedAt)));
  if (!row) throw new ServiceError("UNAUTHORIZED", "Unknown or revoked API key");
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await ctx.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(and(eq(apiKeys.workspaceId, row.workspaceId), eq(apiKeys.id, row.id)));
  }
  return { id: row.id, workspaceId: row.workspaceId, scope: row.scope };
});
