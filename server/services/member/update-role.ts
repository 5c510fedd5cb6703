import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships, ROLE_VALUES } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { guardLastAdmin } from "./shared";

export const UpdateMemberRoleInput = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLE_VALUES),
});
export type UpdateMemberRoleInput = z.infer<typeof UpdateMemberRoleInput>;

/** Admins change roles; the last admin cannot be demoted. */
export const updateMemberRole = workspaceService(UpdateMemberRoleInput, async ({ ctx, input }) => {
  requireRole(ctx, "admin");
  return ctx.db.transaction(async (tx) => {
    await guardLastAdmin(tx, ctx.workspaceId, input.userId, input.role);
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(
        and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)),
      );
    return { userId: input.userId, role: input.role };
  });
});
