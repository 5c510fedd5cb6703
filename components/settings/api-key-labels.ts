/** API key scopes as people read them (server/services/api-key/authenticate.ts decides). */
import type { RouterInputs } from "@/trpc/types";

export type ApiKeyScope = RouterInputs["apiKey"]["create"]["scope"];

/** In the order the create dialog offers them, the narrowest first. */
export const SCOPES = [
  "read",
  "write",
  "publishable",
  "admin",
] as const satisfies readonly ApiKeyScope[];

export const SCOPE_LABEL: Record<ApiKeyScope, string> = {
  read: "Read",
  write: "Write",
  publishable: "Publishable",
  admin: "Admin",
};

export const SCOPE_HELP: Record<ApiKeyScope, string> = {
  read: "Read scores, audiences and exports.",
  write: "Send contacts and activities (imports, tracking). Cannot read.",
  publishable: "Only sends tracking events from web pages; safe to embed in your site.",
  admin: "Read and write everything the API offers.",
};
