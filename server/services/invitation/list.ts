import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations } from "../../../db/schema";
import { requireRole, workspaceService, NoInput } from "../../context";

/** Open invitations (not accepted, revoked or expired). The links themselves cannot be shown again. */
export const listInvitations = workspaceService(NoInput, async ({ ctx }) => {
  requireRole(ctx, "admin");
  return ctx.db
    .select({
      id: invitations.id,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
});
