/**
 * Route handlers under /api/imports resolve the caller exactly like tRPC procedures do: the session
 * cookie, the active workspace from memberships (the workspace cookie is only a preference), and
 * a ServiceContext whose role the services check. Errors are JSON `{ error: { code, message } }`.
 */
import type { ServiceContext } from "@/server/context";
import { HTTP_STATUS, ServiceError } from "@/server/errors";
import { createTRPCContext } from "@/server/trpc/trpc";
import { log } from "@/server/log";
import { resolveActiveWorkspace } from "@/server/services/workspace/list-mine";

export async function serviceContextFor(req: Request): Promise<ServiceContext> {
  const base = await createTRPCContext({ headers: req.headers });
  if (!base.user) throw new ServiceError("UNAUTHORIZED", "Sign in to continue");
  const { active } = await resolveActiveWorkspace(base.db, base.user.id, base.preferredWorkspace);
  if (!active) throw new ServiceError("NOT_FOUND", "Create or join a workspace first");
  return {
    db: base.db,
    queue: base.queue,
    workspaceId: active.id,
    actor: { id: base.user.id, name: base.user.name, role: active.role },
  };
}

export function errorResponse(error: unknown, what: string): Response {
  if (error instanceof ServiceError) {
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: HTTP_STATUS[error.code] },
    );
  }
  log.error(what, { err: error });
  return Response.json(
    { error: { code: "INTERNAL", message: "Something went wrong on our side. It has been logged; please try again." } },
    { status: 500 },
  );
}
