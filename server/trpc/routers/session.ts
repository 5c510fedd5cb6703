import { env } from "../../env";
import { DEMO_USER } from "../../services/workspace/seed-demo-workspace";
import { resolveActiveWorkspace } from "../../services/workspace/list-mine";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const sessionRouter = createTRPCRouter({
  /**
   * The signed-in user, their workspaces and the active one with their role there (null when they
   * belong to none yet: the UI then offers to create one).
   */
  me: authedProcedure.query(async ({ ctx }) => {
    const { active, all } = await resolveActiveWorkspace({
      ctx,
      input: { preferredSlug: ctx.preferredWorkspace },
    });
    return {
      user: ctx.user,
      workspaces: all,
      workspace: active && { id: active.id, slug: active.slug, name: active.name },
      actor: active && { id: ctx.user.id, name: ctx.user.name, role: active.role },
    };
  }),
  /**
   * The seeded demo admin's credentials, for the sign-in page's "Try the demo" box. They are public
   * by design (README); null when this instance does not seed the demo, so the box is not shown.
   */
  demoCredentials: publicProcedure.query(() =>
    env.SEED_DEMO ? { email: DEMO_USER.email, password: DEMO_USER.password } : null,
  ),
});
