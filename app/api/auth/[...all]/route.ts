/** Sign up, sign in, sign out and sessions (better-auth), on the server's one database. */
import { toNextJsHandler } from "better-auth/next-js";
import { handleAuthRequest } from "@/server/auth";
import { getRuntime } from "@/server/runtime";

export const dynamic = "force-dynamic";

async function handle(request: Request) {
  const { auth } = await getRuntime();
  return handleAuthRequest(auth, request);
}

export const { GET, POST } = toNextJsHandler(handle);
