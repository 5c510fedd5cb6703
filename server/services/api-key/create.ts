import { z } from "zod";
import { API_KEY_SCOPES, apiKeys } from "../../../db/schema";
import { requireRole, type ServiceContext, workspaceService } from "../../context";
import { hashToken, randomToken } from "../../crypto";

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, "Name the key after what uses it").max(80),
  scope: z.enum(API_KEY_SCOPES),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

/** Number of leading characters kept to recognise a key in lists (`sc_` + 8). */
const PREFIX_LENGTH = 11;

/**
 * Admins create API keys. The key is returned once; only its SHA-256 is stored, with a short
 * prefix for recognition.
 */
export const createApiKey = workspaceService(CreateApiKeyInput, async ({ ctx, input }) => {
  requireRole(ctx, "admin");
  const { name, scope } = input;
  return insertApiKey(ctx.db, {
    workspaceId: ctx.workspaceId,
    name,
    scope,
    createdBy: ctx.actor.id,
  });
});

/** Shared by the admin UI and the self-hosting CLI. */
export async function insertApiKey(
  db: ServiceContext["db"],
  values: {
    workspaceId: string;
    name: string;
    scope: CreateApiKeyInput["scope"];
    createdBy: string;
  },
) {
  const key = randomToken("sc_");
  const prefix = key.slice(0, PREFIX_LENGTH);
  const [row] = await db
    .insert(apiKeys)
    .values({ ...values, prefix, keyHash: hashToken(key) })
    .returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
  if (!row) throw new Error("insert returned no key");
  return {
    id: row.id,
    name: values.name,
    scope: values.scope,
    prefix,
    key,
    createdAt: row.createdAt,
  };
}
