import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { invitations } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { NotFoundError } from "../../errors";

export const RevokeInvitationInput = z.object({ id: z.string().uuid() });

export const revokeInvitation = workspaceService(RevokeInvitationInput, async ({ ctx, input }) => {
  requireRole(ctx, "admin");
  const [row] = await ctx.db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspaceId),
        eq(invitations.id, input.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  if (!row) throw new NotFoundError("Invitation");
  return { revoked: true as const };
});
