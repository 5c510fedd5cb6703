import { and, eq } from "drizzle-orm";
import type { Tx } from "../../../db";
import { memberships } from "../../../db/schema";
import type { Role } from "../../context";
import { ConflictError, NotFoundError } from "../../errors";

/**
 * Applies a membership change unless it would leave the workspace without an admin. The admin rows
 * are locked first so two concurrent demotions cannot both pass the check.
 */
export async function guardLastAdmin(
  tx: Tx,
  workspaceId: string,
  userId: string,
  nextRole: Role | null,
): Promise<{ role: Role }> {
  const admins = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin")))
    .for("update");
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!member) throw new NotFoundError("Member");
  const losesAdmin = member.role === "admin" && nextRole !== "admin";
  if (losesAdmin && admins.length <= 1) {
    throw new ConflictError("A workspace needs at least one admin: make someone else admin first");
  }
  return member;
}
