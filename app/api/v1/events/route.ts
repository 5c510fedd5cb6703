/** SPEC §7 `POST /api/v1/events`: record up to 1,000 activities, atomically and idempotently. */
import { apiRoute, batchItems, readBody } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { recordEvents } from "@/server/services/ingest/events";

export const dynamic = "force-dynamic";

export const POST = apiRoute(OPERATIONS.recordEvents, async ({ request, ctx }) => {
  const items = batchItems(await readBody(request), "events");
  return jsonResponse(await recordEvents({ ctx, input: { items } }));
});
