import { createApiKey, CreateApiKeyInput } from "../../services/api-key/create";
import { listApiKeys } from "../../services/api-key/list";
import { revokeApiKey, RevokeApiKeyInput } from "../../services/api-key/revoke";
import { createTRPCRouter, procedure } from "../trpc";

export const apiKeyRouter = createTRPCRouter({
  list: procedure.query(({ ctx }) => listApiKeys({ ctx })),
  create: procedure
    .input(CreateApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey({ ctx, input })),
  revoke: procedure
    .input(RevokeApiKeyInput)
    .mutation(({ ctx, input }) => revokeApiKey({ ctx, input })),
});
