import { appUrl } from "../../runtime";
import { getTrackingSetup } from "../../services/ingest/tracking-setup";
import { createTRPCRouter, procedure } from "../trpc";

export const trackingRouter = createTRPCRouter({
  setup: procedure.query(({ ctx }) => getTrackingSetup({ ctx, input: { appUrl: appUrl() } })),
});
