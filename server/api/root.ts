import { apiKeyRouter } from "./routers/api-key";
import { invitationRouter } from "./routers/invitation";
import { memberRouter } from "./routers/member";
import { scoreModelRouter } from "./routers/score-model";
import { sessionRouter } from "./routers/session";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  apiKey: apiKeyRouter,
  invitation: invitationRouter,
  member: memberRouter,
  scoreModel: scoreModelRouter,
  session: sessionRouter,
  workspace: workspaceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
