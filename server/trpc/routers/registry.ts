import { requireRole } from "../../context";
import { listRegistry } from "../../services/registry/load-registry";
import { createTRPCRouter, procedure } from "../trpc";

/** The workspace's field and activity registries (labels, types, options). */
export const registryRouter = createTRPCRouter({
  list: procedure.query(({ ctx }) => {
    requireRole(ctx, "viewer");
    return listRegistry(ctx.db, ctx.workspaceId);
  }),
});
