import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { formatPath } from "../services/score-model/update-draft";
import { createServiceContext } from "../runtime";
import { ServiceError, TRPC_CODE } from "../errors";
import { log } from "../log";

export async function createTRPCContext(_opts: { headers: Headers }) {
  return createServiceContext();
}
export type Context = Awaited<ReturnType<typeof createTRPCContext>>;

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
    throw new TRPCError({
      code: TRPC_CODE[cause.code],
      message: cause.message,
      cause,
    });
  }
  if (cause instanceof ZodError) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Invalid input",
      cause,
    });
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

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure runs as the context's actor; services check roles themselves. */
export const procedure = t.procedure.use(errorMapper);
