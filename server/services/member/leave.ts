import { workspaceService, NoInput } from "../../context";
import { removeMembership } from "./remove";

/** Anyone may leave a workspace, except its last admin. */
export const leaveWorkspace = workspaceService(NoInput, async ({ ctx }) => {
  return removeMembership(ctx, ctx.actor.id);
});
