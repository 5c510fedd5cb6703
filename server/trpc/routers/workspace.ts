import { z } from "zod";
import { NotFoundError } from "../../errors";
import { leaveWorkspace } from "../../services/member/leave";
import { createWorkspace, CreateWorkspaceInput } from "../../services/workspace/create";
import { listMyWorkspaces } from "../../services/workspace/list-mine";
import { authedProcedure, createTRPCRouter, procedure } from "../trpc";

export const workspaceRouter = createTRPCRouter({
  create: authedProcedure.input(CreateWorkspaceInput).mutation(async ({ ctx, input }) => {
    const workspace = await createWorkspace({ ctx, input });
    ctx.rememberWorkspace(workspace.slug);
    return workspace;
  }),
  /** Makes one of the user's workspaces the active one (a cookie; membership is re-checked per request). */
  switch: authedProcedure
    .input(z.object({ slug: z.string().min(1).max(80) }))
    .mutation(async ({ ctx, input }) => {
      const mine = await listMyWorkspaces({ ctx });
      const target = mine.find((w) => w.slug === input.slug);
      if (!target) throw new NotFoundError("Workspace");
      ctx.rememberWorkspace(target.slug);
      return target;
    }),
  leave: procedure.mutation(({ ctx }) => leaveWorkspace({ ctx })),
});
