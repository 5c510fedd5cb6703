/**
 * The one way a browser session becomes a ServiceContext, for every cookie-authenticated edge:
 * tRPC (browser and server components) and the CSV upload and report routes. The session cookie
 * is better-auth's; the workspace cookie only says which of the user's workspaces they last chose,
 * and is honoured only while they are a member there.
 */
import { parseCookie, stringifySetCookie } from "cookie";
import type { Auth } from "./auth";
import type { Executor } from "../db";
import type { ServiceContext } from "./context";
import type { JobQueue } from "./jobs/queue";
import { ServiceError } from "./errors";
import { appUrl } from "./runtime";
import { resolveActiveWorkspace } from "./services/workspace/list-mine";
import type { SessionUser, WorkspaceSummary } from "./services/workspace/shared";

/** The cookie that remembers which of their workspaces a user is looking at (a preference only). */
export const WORKSPACE_COOKIE = "sc_workspace";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Who is calling, as the request's cookies say. */
export interface SessionCaller {
  user: SessionUser | null;
  /** Slug from the workspace cookie; honoured only if the user is a member. */
  preferredWorkspace: string | null;
}

export async function readSessionCaller(headers: Headers, auth: Auth): Promise<SessionCaller> {
  const session = await auth.api.getSession({ headers });
  const user = session?.user
    ? { id: session.user.id, name: session.user.name, email: session.user.email }
    : null;
  // A malformed value (a bare `%`) is kept as typed: it names no workspace, so it is no preference.
  const preferredWorkspace = parseCookie(headers.get("cookie") ?? "")[WORKSPACE_COOKIE] ?? null;
  return { user, preferredWorkspace };
}

/** The Set-Cookie value that makes `slug` the preferred workspace (Secure over https). */
export function workspaceCookie(slug: string, secure = appUrl().startsWith("https://")): string {
  return stringifySetCookie({
    name: WORKSPACE_COOKIE,
    value: slug,
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    httpOnly: true,
    secure,
  });
}

/**
 * The member's context in their active workspace: role and workspace from the membership, never
 * from input. UNAUTHORIZED without a session; PRECONDITION_FAILED when they belong to none yet.
 */
export async function sessionServiceContext(
  system: { db: Executor; queue: JobQueue },
  caller: SessionCaller,
): Promise<{ ctx: ServiceContext; workspace: WorkspaceSummary }> {
  if (!caller.user) throw new ServiceError("UNAUTHORIZED", "Sign in to continue");
  const { active } = await resolveActiveWorkspace({
    ctx: { db: system.db, user: caller.user },
    input: { preferredSlug: caller.preferredWorkspace },
  });
  if (!active) throw new ServiceError("PRECONDITION_FAILED", "Create or join a workspace first");
  return {
    ctx: {
      db: system.db,
      queue: system.queue,
      workspaceId: active.id,
      actor: { id: caller.user.id, name: caller.user.name, role: active.role },
    },
    workspace: active,
  };
}
