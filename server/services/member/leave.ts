import type { ServiceContext } from "../../context";
import { removeMembership } from "./remove";

/** Anyone may leave a workspace, except its last admin. */
export async function leaveWorkspace({ ctx }: { ctx: ServiceContext }) {
  return removeMembership(ctx, ctx.actor.id);
}
