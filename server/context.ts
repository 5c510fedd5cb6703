/**
 * What services receive, and the one shape every service has: `service({ ctx, input })`.
 *
 * - `ServiceContext`: a member (or an API key acting as one) in one workspace. Services take the
 *   workspace from here, never from input, so every query can be scoped, and check roles themselves.
 * - `UserContext`: a signed-in user before a workspace is chosen (create or accept, switch).
 * - `SystemContext`: work done for no one in particular (jobs, API-key lookup, seeding).
 *
 * Services are declared with `defineService(InputSchema, run)`: the input is parsed again by the
 * service itself (a service is reached from tRPC, REST, jobs and scripts, and each edge validates
 * for its own error format; the service's schema is the one that counts).
 */
import { PgTransaction } from "drizzle-orm/pg-core";
import { z } from "zod";
import { formatPath } from "../core/scoring/validate";
import type { Db, Executor, Tx } from "../db";
import { ForbiddenError, ServiceError } from "./errors";
import type { JobQueue } from "./jobs/queue";

export const ROLES = ["admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  name: string;
  role: Role;
}

/** What every context has: the database, or the caller's open transaction (`withTransaction`). */
interface BaseContext {
  db: Executor;
  /** Background work; absent where nothing is enqueued. */
  queue?: JobQueue;
}

/** Jobs own their transactions (and retry them), so they get the database itself. */
export interface SystemContext extends BaseContext {
  db: Db;
  /** Aborted when the process is stopping (long jobs stop after their current batch). */
  signal?: AbortSignal;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export interface UserContext extends BaseContext {
  user: SessionUser;
}

export interface ServiceContext extends BaseContext {
  workspaceId: string;
  actor: Actor;
  queue: JobQueue;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Guards a service: the actor's role must be at least `minimum`. */
export function requireRole(ctx: Pick<ServiceContext, "actor">, minimum: Role): void {
  if (RANK[ctx.actor.role] < RANK[minimum]) {
    throw new ForbiddenError(
      minimum === "admin"
        ? "Only workspace admins can do that"
        : "Your role in this workspace is read-only",
    );
  }
}

/** A call of a service; `input` may be left out when the service takes none. */
export type ServiceCall<C, I> = undefined extends I ? { ctx: C; input?: I } : { ctx: C; input: I };

const SERVICE = Symbol.for("scorecraft.service");

export type Service<C, S extends z.ZodType, R> = ((
  call: ServiceCall<C, z.input<S>>,
) => Promise<R>) & {
  readonly [SERVICE]: S;
};

/** Services that take no input. */
export const NoInput = z.undefined();

/**
 * Declares a service: `run` receives the input as its schema parsed it (defaults applied, text
 * trimmed); an input that does not parse is a BAD_REQUEST listing every issue by path.
 */
export function defineService<C, S extends z.ZodType, R>(
  input: S,
  run: (call: { ctx: C; input: z.output<S> }) => Promise<R>,
): Service<C, S, R> {
  const service = async (call: ServiceCall<C, z.input<S>>): Promise<R> => {
    const parsed = input.safeParse(call.input);
    if (!parsed.success) throw invalidInput(parsed.error);
    return run({ ctx: call.ctx, input: parsed.data });
  };
  return Object.assign(service, { [SERVICE]: input });
}

/** A service acting in one workspace (the usual kind). */
export const workspaceService = <S extends z.ZodType, R>(
  input: S,
  run: (call: { ctx: ServiceContext; input: z.output<S> }) => Promise<R>,
) => defineService<ServiceContext, S, R>(input, run);

/** A service for a signed-in user before a workspace is chosen. */
export const userService = <S extends z.ZodType, R>(
  input: S,
  run: (call: { ctx: UserContext; input: z.output<S> }) => Promise<R>,
) => defineService<UserContext, S, R>(input, run);

/** A service acting for no one in particular (jobs, key lookup, maintenance). */
export const systemService = <S extends z.ZodType, R>(
  input: S,
  run: (call: { ctx: SystemContext; input: z.output<S> }) => Promise<R>,
) => defineService<SystemContext, S, R>(input, run);

/** True for a function made by `defineService` (the services' structural test uses it). */
export function isService(value: unknown): boolean {
  return typeof value === "function" && SERVICE in value;
}

function invalidInput(error: z.ZodError): ServiceError {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${formatPath(first.path)}` : "";
  return new ServiceError("BAD_REQUEST", `Invalid input${where}: ${first?.message ?? "invalid"}`, {
    issues: error.issues.map((i) => ({
      path: formatPath(i.path),
      code: i.code,
      message: i.message,
    })),
  });
}

/**
 * Runs `fn` in a transaction: the caller's when `ctx.db` already is one (so a service called
 * inside another's transaction commits or rolls back with it), else a new one.
 */
export function withTransaction<C extends BaseContext, T>(
  ctx: C,
  fn: (ctx: C & { db: Tx }) => Promise<T>,
): Promise<T> {
  if (isTransaction(ctx.db)) return fn(ctx as C & { db: Tx });
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
}

export function isTransaction(db: Executor): db is Tx {
  return db instanceof PgTransaction;
}
