/**
 * Segment-compatible `batch` ({ batch: [...] }, up to 1,000 messages, atomic). A single message
 * (an object with `type`) is accepted too, so one webhook URL can receive every call.
 */
import { apiRoute, readBody } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { BadRequestError } from "@/server/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { ingestSegmentMessages } from "@/server/services/ingest/segment";

export const dynamic = "force-dynamic";

export const POST = apiRoute(OPERATIONS.segmentBatch, async ({ request, ctx }) => {
  const body = (await readBody(request)) as { batch?: unknown; type?: unknown } | null;
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  const messages =
    isObject && Array.isArray(body.batch)
      ? body.batch
      : isObject && typeof body.type === "string"
        ? [body]
        : null;
  if (!messages)
    throw new BadRequestError('Send { "batch": [...] } or a single message with a "type"');
  return jsonResponse(await ingestSegmentMessages({ ctx, input: { messages } }));
});
