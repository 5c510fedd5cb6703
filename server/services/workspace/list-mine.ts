import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../../db";
import { memberships, workspaces } from "../../../db/schema";
import { NoInput, userService } from "../../context";
import type { WorkspaceSummary } from "./shared";

/** The workspaces a user belongs to, oldest membership first. */
export const listMyWorkspaces = userService(NoInput, async ({ ctx }) =>
  workspacesOf(ctx.db, ctx.user.id),
);

export const ResolveWorkspaceInput = z.object({
  /** The slug the workspace cookie remembers (a preference only). */
  preferredSlug: z.string().max(200).nullable(),
});

/**
 * The workspace a request acts in: the preferred one (cookie) if the user belongs to it, else the
 * first they joined; null when they belong to none. Never a workspace they are not a member of.
 */
export const resolveActiveWorkspace = userService(
  ResolveWorkspaceInput,
  async ({ ctx, input }): Promise<{ active: WorkspaceSummary | null; all: WorkspaceSummary[] }> => {
    const all = await workspacesOf(ctx.db, ctx.user.id);
    const active = all.find((w) => w.slug === input.preferredSlug) ?? all[0] ?? null;
    return { active, all };
  },
);

function workspacesOf(db: Executor, userId: string): Promise<WorkspaceSummary[]> {
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
