/** API key scopes as people read them (server/services/api-key/authenticate.ts decides). */
export type ApiKeyScope = "read" | "write" | "admin";

export const SCOPES: readonly ApiKeyScope[] = ["read", "write", "admin"];

export const SCOPE_LABEL: Record<ApiKeyScope, string> = {
  read: "Read",
  write: "Write",
  admin: "Admin",
};

export const SCOPE_HELP: Record<ApiKeyScope, string> = {
  read: "Read scores, audiences and exports.",
  write: "Send contacts and activities (imports, tracking). Cannot read.",
  admin: "Read and write everything the API offers.",
};
