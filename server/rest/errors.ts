/**
 * The one mapper from failures to HTTP responses for every REST route (the public API, CSV uploads
 * and reports): a ServiceError becomes
 * `{ "error": { code, message, details? } }` with its HTTP_STATUS (SPEC §7); anything else is
 * logged with its cause and answered with a generic 500, so internals never reach a client.
 */
import { HTTP_STATUS, ServiceError } from "../errors";
import { log } from "../log";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A 429 that tells the client when to retry (seconds, rounded up, at least 1). */
export class RateLimitedError extends ServiceError {
  constructor(
    readonly retryAfterSeconds: number,
    who = "this API key",
  ) {
    super("RATE_LIMITED", `Too many requests for ${who}; retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

export function toHttpError(
  error: unknown,
  context: { method?: string; path?: string } = {},
  headers: HeadersInit = {},
): Response {
  const responseHeaders = new Headers(headers);
  if (error instanceof ServiceError) {
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === "number") responseHeaders.set("retry-after", String(retryAfter));
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return jsonResponse(body, HTTP_STATUS[error.code], responseHeaders);
  }
  log.error("api v1 request failed", { ...context, err: error });
  return jsonResponse(
    {
      error: {
        code: "INTERNAL",
        message: "Something went wrong on our side. It has been logged; please try again.",
      },
    } satisfies ErrorBody,
    500,
    responseHeaders,
  );
}

export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json; charset=utf-8");
  // API answers are per key and per moment (scores are computed at request time): never cache.
  if (!h.has("cache-control")) h.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: h });
}
