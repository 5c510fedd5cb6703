import { createTRPCRouter, procedure } from "../trpc";

export const sessionRouter = createTRPCRouter({
  /** The active workspace and the acting user (the demo admin until accounts exist). */
  me: procedure.query(({ ctx }) => ({
    workspace: ctx.workspace,
    actor: ctx.actor,
  })),
});
