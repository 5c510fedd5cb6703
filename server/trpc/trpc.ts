import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "../../db";
import type { ServiceContext } from "../context";
import { findTextProblems, formatJsonPath } from "../../core/scoring/text";
import { ServiceError, TRPC_CODE } from "../errors";
import type { JobQueue } from "../jobs/queue";
import { log } from "../log";
import { appUrl, getRuntime } from "../runtime";
import { formatPath } from "../../core/scoring/validate";
import { resolveActiveWorkspace } from "../services/workspace/list-mine";
import type { SessionUser, WorkspaceSummary } from "../services/workspace/shared";

/** The cookie that remembers which of their workspaces a user is looking at (a preference only). */
export const WORKSPACE_COOKIE = "sc_workspace";

/** The workspace cookie, Secure when the app is served over https (like the session cookie). */
export function workspaceCookie(slug: string, secure = appUrl().startsWith("https://")): string {
  const attributes = ["Path=/", "Max-Age=31536000", "SameSite=Lax", "HttpOnly"];
  if (secure) attributes.push("Secure");
  return `${WORKSPACE_COOKIE}=${encodeURIComponent(slug)}; ${attributes.join("; ")}`;
}

/** Per request: who is calling (or nobody) and the infrastructure services need. */
export interface RequestContext {
  db: Db;
  queue: JobQueue;
  user: SessionUser | null;
  /** Slug from the workspace cookie; honoured only if the user is a member. */
  preferredWorkspace: string | null;
  /** Response headers (set-cookie) when the transport has them (HTTP), null for server calls. */
  resHeaders: Headers | null;
}

export async function createTRPCContext(opts: {
  headers: Headers;
  resHeaders?: Headers;
}): Promise<RequestContext> {
  const { database, queue, auth } = await getRuntime();
  const session = await auth.api.getSession({ headers: opts.headers });
  const user = session?.user
    ? { id: session.user.id, name: session.user.name, email: session.user.email }
    : null;
  return {
    db: database.db,
    queue,
    user,
    preferredWorkspace: readCookie(opts.headers, WORKSPACE_COOKIE),
    resHeaders: opts.resHeaders ?? null,
  };
}
export type Context = RequestContext;

export function readCookie(headers: Headers, name: string): string | null {
  const header = headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      // A malformed cookie (a bare `%`) is no preference, not a failed request.
      return null;
    }
  }
  return null;
}

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
  const { active } = await resolveActiveWorkspace(ctx.db, ctx.user.id, ctx.preferredWorkspace);
  if (!active) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "Create or join a workspace first",
    });
  }
  const service: ServiceContext = {
    db: ctx.db,
    queue: ctx.queue,
    workspaceId: active.id,
    actor: { id: ctx.user.id, name: ctx.user.name, role: active.role },
  };
  return next({ ctx: { ...ctx, ...service, workspace: active satisfies WorkspaceSummary } });
});
