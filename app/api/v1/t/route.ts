/**
 * The browser tracking collector. Public pages post here with a publishable key, cross-origin:
 * CORS is open (no cookies are involved: the anonymous id travels in the body), and the body is
 * JSON sent as text/plain so sendBeacon needs no preflight. The key is in the body because
 * sendBeacon cannot set headers; an Authorization header works too.
 */
import { authorize, keyFromAuthorization, serviceContext } from "@/server/rest/auth";
import { readBodyText } from "@/server/rest/body";
import { apiLimits, collectorAddressLimiter } from "@/server/rest/config";
import { CLIENT_ADDRESS_HEADER } from "@/server/client-address";
import { getApiDeps } from "@/server/rest/deps";
import { toHttpError, jsonResponse, RateLimitedError } from "@/server/rest/errors";
import { parseInput } from "@/server/rest/handler";
import { OPERATIONS } from "@/server/rest/operations";
import { BadRequestError } from "@/server/errors";
import { collectTracking } from "@/server/services/ingest/track";
import { TrackingBody } from "@/server/services/ingest/tracking-schemas";

export const dynamic = "force-dynamic";

/** A page's queue is small; a larger body is not the script's. */
const TRACKING_BODY_LIMIT = 64 * 1024;

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "content-type, authorization",
  "access-control-max-age": "86400",
};

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: CORS });
}

export async function POST(request: Request): Promise<Response> {
  const op = OPERATIONS.collect;
  try {
    // Every request, valid or not, costs its sender first: a flood from one address cannot spend
    // the publishable key's budget that real visitors' beacons share.
    const address = request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
    const taken = collectorAddressLimiter().take(address);
    if (!taken.ok) throw new RateLimitedError(taken.retryAfterSeconds, "this address");
    const deps = await getApiDeps();
    const text = await readBodyText(
      request,
      Math.min(TRACKING_BODY_LIMIT, apiLimits().bodyLimitBytes),
    );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BadRequestError("Malformed JSON body");
    }
    const body = parseInput(TrackingBody, json, "tracking payload");
    const key = body.key ?? keyFromAuthorization(request.headers.get("authorization"));
    const principal = await authorize(deps.db, key, op.scope);
    const result = await collectTracking({ ctx: serviceContext(deps, principal), input: { body } });
    return jsonResponse(result, 200, CORS);
  } catch (error) {
    return toHttpError(error, { method: op.method, path: op.path }, CORS);
  }
}
