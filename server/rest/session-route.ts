/**
 * The shape of the cookie-authenticated REST routes (CSV upload and report, which tRPC cannot
 * carry: a streamed body, a streamed CSV answer): refuse cross-site writes, resolve the session to a
 * ServiceContext exactly as tRPC procedures do (server/session.ts), run the thin handler; any
 * failure goes through the one REST error mapper.
 */
import type { ServiceContext } from "../context";
import { getRuntime } from "../runtime";
import { assertSameOrigin } from "../same-origin";
import { readSessionCaller, sessionServiceContext } from "../session";
import { toHttpError } from "./errors";
import type { RouteContext } from "./handler";

export interface SessionCall<P> {
  request: Request;
  params: P;
  ctx: ServiceContext;
}

export function sessionRoute<P extends Record<string, string> = Record<string, never>>(
  route: { method: string; path: string },
  handle: (call: SessionCall<P>) => Promise<Response>,
) {
  return async (request: Request, context?: RouteContext<P>): Promise<Response> => {
    try {
      assertSameOrigin(request);
      const { database, queue, auth } = await getRuntime();
      const caller = await readSessionCaller(request.headers, auth);
      const { ctx } = await sessionServiceContext({ db: database.db, queue }, caller);
      const params = ((await context?.params) ?? {}) as P;
      return await handle({ request, params, ctx });
    } catch (error) {
      return toHttpError(error, route);
    }
  };
}
