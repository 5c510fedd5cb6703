import { listMembers } from "../../services/member/list";
import { removeMember, RemoveMemberInput } from "../../services/member/remove";
import { updateMemberRole, UpdateMemberRoleInput } from "../../services/member/update-role";
import { createTRPCRouter, procedure } from "../trpc";

export const memberRouter = createTRPCRouter({
  list: procedure.query(({ ctx }) => listMembers({ ctx })),
  updateRole: procedure
    .input(UpdateMemberRoleInput)
    .mutation(({ ctx, input }) => updateMemberRole({ ctx, input })),
  remove: procedure
    .input(RemoveMemberInput)
    .mutation(({ ctx, input }) => removeMember({ ctx, input })),
});
