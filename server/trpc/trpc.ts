import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "../../db";
import { findTextProblems, formatJsonPath } from "../../core/scoring/text";
import { ServiceError, TRPC_CODE } from "../errors";
import type { JobQueue } from "../jobs/queue";
import { log } from "../log";
import { getRuntime } from "../runtime";
import {
  readSessionCaller,
  sessionServiceContext,
  workspaceCookie,
  type SessionCaller,
} from "../session";
import { formatPath } from "../../core/scoring/validate";

/** Per request: who is calling (or nobody) and the infrastructure services need. */
export interface RequestContext extends SessionCaller {
  db: Db;
  queue: JobQueue;
  /** Makes `slug` the preferred workspace (a cookie); a no-op for server-side calls. */
  rememberWorkspace(slug: string): void;
}

export async function createTRPCContext(opts: {
  headers: Headers;
  resHeaders?: Headers;
}): Promise<RequestContext> {
  const { database, queue, auth } = await getRuntime();
  const caller = await readSessionCaller(opts.headers, auth);
  return {
    db: database.db,
    queue,
    ...caller,
    rememberWorkspace: (slug) => opts.resHeaders?.append("set-cookie", workspaceCookie(slug)),
  };
}
export type Context = RequestContext;

interface IssueShape {
  path: string;
  code: string;
  message: string;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Stacks stay in the server log; clients get the code, the message and the issues.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, data: { ...data, issues: issuesOf(error.cause) } };
  },
});

/** Service errors become typed tRPC errors with safe messages; anything else is logged and hidden. */
const errorMapper = t.middleware(async ({ next, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const error = result.error;
  const cause = error.cause;
  if (cause instanceof ServiceError) {
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  if (cause instanceof ZodError) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Invalid input", cause });
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    log.error("procedure failed", { path, type, err: cause ?? error });
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "Something went wrong on our side. It has been logged; please try again.",
    });
  }
  return result;
});

function issuesOf(cause: unknown): IssueShape[] | undefined {
  if (cause instanceof ServiceError) {
    const details = cause.details as { issues?: IssueShape[] } | undefined;
    return details?.issues;
  }
  if (cause instanceof ZodError) {
    return cause.issues.map((i) => ({
      path: formatPath(i.path),
      code: i.code,
      message: i.message,
    }));
  }
  return undefined;
}

/**
 * Text the database cannot store (NUL, unpaired surrogates) and absurd nesting anywhere in a
 * procedure's input: a 400 naming the path, instead of a failed statement deep in a service.
 */
const storableInput = t.middleware(async ({ getRawInput, next }) => {
  const problems = findTextProblems(await getRawInput(), { maxDepth: 64 });
  if (problems.length > 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Invalid input at ${formatJsonPath(problems[0]!.path)}: ${problems[0]!.message}`,
      cause: new ServiceError("BAD_REQUEST", "Invalid input", {
        issues: problems.map((p) => ({
          path: formatJsonPath(p.path),
          code: "invalid_text",
          message: p.message,
        })),
      }),
    });
  }
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(errorMapper).use(storableInput);

/** A signed-in user, in no particular workspace. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * A member acting in their active workspace. Services receive a ServiceContext whose workspace
 * and role come from the membership, never from input, and check roles themselves.
 */
export const procedure = authedProcedure.use(async ({ ctx, next }) => {
  const { ctx: service, workspace } = await sessionServiceContext(ctx, ctx);
  return next({ ctx: { ...ctx, ...service, workspace } });
});
