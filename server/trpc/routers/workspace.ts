import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { leaveWorkspace } from "../../services/member/leave";
import { createWorkspace, CreateWorkspaceInput } from "../../services/workspace/create";
import { listMyWorkspaces } from "../../services/workspace/list-mine";
import { authedProcedure, createTRPCRouter, procedure, workspaceCookie } from "../trpc";

function rememberWorkspace(resHeaders: Headers | null, slug: string) {
  resHeaders?.append("set-cookie", workspaceCookie(slug));
}

export const workspaceRouter = createTRPCRouter({
  create: authedProcedure.input(CreateWorkspaceInput).mutation(async ({ ctx, input }) => {
    const workspace = await createWorkspace({ ctx, input });
    rememberWorkspace(ctx.resHeaders, workspace.slug);
    return workspace;
  }),
  /** Makes one of the user's workspaces the active one (a cookie; membership is re-checked per request). */
  switch: authedProcedure
    .input(z.object({ slug: z.string().min(1).max(80) }))
    .mutation(async ({ ctx, input }) => {
      const mine = await listMyWorkspaces(ctx.db, ctx.user.id);
      const target = mine.find((w) => w.slug === input.slug);
      if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "Workspace not found" });
      rememberWorkspace(ctx.resHeaders, target.slug);
      return target;
    }),
  leave: procedure.mutation(({ ctx }) => leaveWorkspace({ ctx })),
});
