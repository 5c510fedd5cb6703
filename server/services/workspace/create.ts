import { z } from "zod";
import { memberships, workspaces } from "../../../db/schema";
import { isUniqueViolation } from "../db-errors";
import { insertBuiltinFields, randomSuffix, slugify } from "./shared";
import { userService } from "../../context";

export const CreateWorkspaceInput = z.object({
  name: z.string().trim().min(1, "Name your workspace").max(80),
});
export type CreateWorkspaceInput = z.infer<typeof CreateWorkspaceInput>;

/** Any signed-in user can create a workspace; they become its first admin. */
export const createWorkspace = userService(CreateWorkspaceInput, async ({ ctx, input }) => {
  const { name } = input;
  const base = slugify(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomSuffix()}`;
    try {
      return await ctx.db.transaction(async (tx) => {
        const [workspace] = await tx
          .insert(workspaces)
          .values({ slug, name })
          .returning({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name });
        if (!workspace) throw new Error("insert returned no workspace");
        await tx
          .insert(memberships)
          .values({ workspaceId: workspace.id, userId: ctx.user.id, role: "admin" });
        await insertBuiltinFields(tx, workspace.id);
        return workspace;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("could not find a free workspace slug");
});
