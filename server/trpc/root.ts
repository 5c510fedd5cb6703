import { apiKeyRouter } from "./routers/api-key";
import { dataImportRouter } from "./routers/data-import";
import { invitationRouter } from "./routers/invitation";
import { memberRouter } from "./routers/member";
import { registryRouter } from "./routers/registry";
import { scoreModelRouter } from "./routers/score-model";
import { sessionRouter } from "./routers/session";
import { trackingRouter } from "./routers/tracking";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  apiKey: apiKeyRouter,
  dataImport: dataImportRouter,
  invitation: invitationRouter,
  member: memberRouter,
  registry: registryRouter,
  scoreModel: scoreModelRouter,
  session: sessionRouter,
  tracking: trackingRouter,
  workspace: workspaceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
