import { asc, eq } from "drizzle-orm";
import { memberships, users } from "../../../db/schema";
import { workspaceService, NoInput } from "../../context";

export const listMembers = workspaceService(NoInput, async ({ ctx }) => {
  return ctx.db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspaceId))
    .orderBy(asc(memberships.createdAt));
});
