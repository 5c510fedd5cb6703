import {
  acceptInvitation,
  getInvitation,
  InvitationTokenInput,
} from "../../services/invitation/accept";
import { createInvitation, CreateInvitationInput } from "../../services/invitation/create";
import { listInvitations } from "../../services/invitation/list";
import { revokeInvitation, RevokeInvitationInput } from "../../services/invitation/revoke";
import { authedProcedure, createTRPCRouter, procedure } from "../trpc";

export const invitationRouter = createTRPCRouter({
  create: procedure
    .input(CreateInvitationInput)
    .mutation(({ ctx, input }) => createInvitation({ ctx, input })),
  list: procedure.query(({ ctx }) => listInvitations({ ctx })),
  revoke: procedure
    .input(RevokeInvitationInput)
    .mutation(({ ctx, input }) => revokeInvitation({ ctx, input })),
  /** For the accept page: which workspace and role the link offers. */
  get: authedProcedure
    .input(InvitationTokenInput)
    .query(({ ctx, input }) => getInvitation({ ctx, input })),
  accept: authedProcedure
    .input(InvitationTokenInput)
    .mutation(({ ctx, input }) => acceptInvitation({ ctx, input })),
});
