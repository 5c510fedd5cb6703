import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../../db";
import { memberships, workspaces } from "../../../db/schema";
import type { WorkspaceSummary } from "./shared";

/** The workspaces a user belongs to, oldest membership first. */
export async function listMyWorkspaces(db: Executor, userId: string): Promise<WorkspaceSummary[]> {
  return db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.slug));
}

/**
 * The workspace a request acts in: the preferred one (cookie) if the user belongs to it, else the
 * first they joined; null when they belong to none. Never a workspace they are not a member of.
 */
export async function resolveActiveWorkspace(
  db: Executor,
  userId: string,
  preferredSlug: string | null,
): Promise<{ active: WorkspaceSummary | null; all: WorkspaceSummary[] }> {
  const all = await listMyWorkspaces(db, userId);
  const active = all.find((w) => w.slug === preferredSlug) ?? all[0] ?? null;
  return { active, all };
}
