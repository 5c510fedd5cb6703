/**
 * tRPC over HTTP for the browser. Expected errors (NOT_FOUND, FORBIDDEN, …) are the user's;
 * anything else is logged here with its cause, and the client only ever sees a safe message.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { log } from "@/server/log";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ error, path, type }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        log.error("trpc request failed", { path, type, err: error.cause ?? error });
      }
    },
  });
}

export { handler as GET, handler as POST };
