/**
 * tRPC over HTTP for the browser. Expected errors (NOT_FOUND, FORBIDDEN, …) carry safe messages
 * from the services; anything unexpected is logged here with its cause and the client only sees a
 * generic message (procedure failures are already masked by the router's error middleware).
 */
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/root";
import { createTRPCContext } from "@/server/trpc/trpc";
import { ServiceError } from "@/server/errors";
import { log } from "@/server/log";
import { assertSameOrigin } from "@/server/same-origin";

export const dynamic = "force-dynamic";

async function createContext(req: Request, resHeaders: Headers) {
  // Before any procedure runs: a mutation posted by another site (a form carrying the session
  // cookie, multipart included) is refused as a whole.
  try {
    assertSameOrigin(req);
  } catch (error) {
    if (error instanceof ServiceError) throw new TRPCError({ code: "FORBIDDEN", message: error.message });
    throw error;
  }
  try {
    return await createTRPCContext({ headers: req.headers, resHeaders });
  } catch (error) {
    // E.g. the database is unreachable: log the detail, tell the user nothing internal.
    log.error("trpc context failed", { err: error });
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "The server is not ready. Please try again in a moment.",
    });
  }
}

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext(req, resHeaders),
    onError({ error, path, type }) {
      // Masked procedure errors have no cause (already logged by the router); log the rest.
      if (error.code === "INTERNAL_SERVER_ERROR" && error.cause) {
        log.error("trpc request failed", { path, type, err: error.cause });
      }
    },
  });
}

export { handler as GET, handler as POST };
