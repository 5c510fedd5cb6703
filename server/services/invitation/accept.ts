import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../../db";
import { invitations, memberships, workspaces } from "../../../db/schema";
import { hashToken } from "../../crypto";
import { NotFoundError, ServiceError } from "../../errors";
import { userService } from "../../context";

export const InvitationTokenInput = z.object({ token: z.string().min(20).max(200) });

async function findInvitation(db: Executor, token: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      workspaceId: invitations.workspaceId,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  // Used, revoked and unknown links look the same: nothing to learn by probing tokens.
  if (!row || row.revokedAt || row.acceptedAt) throw new NotFoundError("Invitation");
  if (row.expiresAt.getTime() <= Date.now()) {
    throw new ServiceError("BAD_REQUEST", "This invitation has expired; ask for a new link");
  }
  return row;
}

/** What an invitation link offers, for the accept page. */
export const getInvitation = userService(InvitationTokenInput, async ({ ctx, input }) => {
  const row = await findInvitation(ctx.db, input.token);
  return { workspaceName: row.workspaceName, role: row.role, expiresAt: row.expiresAt };
});

/**
 * Joins the signed-in user to the invitation's workspace with its role. Single use; a user who is
 * already a member keeps their role (an invitation never demotes).
 */
export const acceptInvitation = userService(InvitationTokenInput, async ({ ctx, input }) => {
  return ctx.db.transaction(async (tx) => {
    const row = await findInvitation(tx, input.token);
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: ctx.user.id })
      .where(
        and(
          eq(invitations.workspaceId, row.workspaceId),
          eq(invitations.id, row.id),
          isNull(invitations.acceptedAt),
          // Re-checked here: a revoke or the expiry may land between the read and this claim.
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning({ id: invitations.id });
    if (!claimed) throw new NotFoundError("Invitation");
    await tx
      .insert(memberships)
      .values({ workspaceId: row.workspaceId, userId: ctx.user.id, role: row.role })
      .onConflictDoNothing();
    const [membership] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(
        and(eq(memberships.workspaceId, row.workspaceId), eq(memberships.userId, ctx.user.id)),
      );
    return {
      workspace: { slug: row.workspaceSlug, name: row.workspaceName },
      role: membership?.role ?? row.role,
    };
  });
});
