/** The browser tracking script (see server/services/ingest/tracking-script.ts), cacheable by browsers and CDNs. */
import { createHash } from "node:crypto";
import { TRACKING_SCRIPT } from "@/server/services/ingest/tracking-script";

const ETAG = `"${createHash("sha256").update(TRACKING_SCRIPT).digest("base64url").slice(0, 16)}"`;

const HEADERS = {
  "content-type": "text/javascript; charset=utf-8",
  // An hour fresh, then revalidated by ETag; a day of stale-while-revalidate keeps pages fast.
  "cache-control": "public, max-age=3600, stale-while-revalidate=86400",
  etag: ETAG,
  "x-content-type-options": "nosniff",
  "access-control-allow-origin": "*",
};

export function GET(request: Request): Response {
  if (request.headers.get("if-none-match") === ETAG) {
    return new Response(null, { status: 304, headers: HEADERS });
  }
  return new Response(TRACKING_SCRIPT, { status: 200, headers: HEADERS });
}
