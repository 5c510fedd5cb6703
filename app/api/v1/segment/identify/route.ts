/** Segment-compatible `identify` (webhook destinations of Segment or RudderStack post here). */
import { apiRoute, readBody } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { ingestSegmentMessages } from "@/server/services/ingest/segment";

export const dynamic = "force-dynamic";

export const POST = apiRoute(OPERATIONS.segmentIdentify, async ({ request, ctx }) => {
  const body = await readBody(request);
  // The path says what the message is; Segment includes `type` too, but it is optional here.
  const message =
    body && typeof body === "object" && !Array.isArray(body) ? { ...body, type: "identify" } : body;
  return jsonResponse(await ingestSegmentMessages({ ctx, input: { messages: [message] } }));
});
