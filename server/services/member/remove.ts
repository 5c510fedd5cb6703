import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships } from "../../../db/schema";
import { requireRole, type ServiceContext, workspaceService } from "../../context";
import { guardLastAdmin } from "./shared";

export const RemoveMemberInput = z.object({ userId: z.string().min(1) });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;

export async function removeMembership(ctx: ServiceContext, userId: string) {
  await ctx.db.transaction(async (tx) => {
    await guardLastAdmin(tx, ctx.workspaceId, userId, null);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, userId)));
  });
  return { removed: true as const };
}

/** Admins remove members (the last admin cannot be removed). */
export const removeMember = workspaceService(RemoveMemberInput, async ({ ctx, input }) => {
  requireRole(ctx, "admin");
  return removeMembership(ctx, input.userId);
});
