/**
 * Cross-site request forgery guard for cookie-authenticated, state-changing requests (tRPC
 * mutations, CSV uploads). A browser attaches the session cookie to a form another site posts, so
 * such a request must prove it comes from the app's own pages:
 *
 * - `Origin` present: it must be the app's origin (the request's own host, or a configured one);
 *   `Origin: null` (sandboxed frames, some redirects) is refused;
 * - no `Origin` but Fetch Metadata: `Sec-Fetch-Site` must be `same-origin` or `none` (typed URL);
 * - neither: not a browser (browsers send Origin on every POST), so there is no cookie to abuse
 *   on someone else's behalf; allowed, which keeps scripts and curl working.
 *
 * /api/v1 is authenticated by API keys, not cookies, and stays open cross-origin (the tracking
 * collector is called from customers' sites by design). better-auth checks its own routes
 * against `trustedOrigins`.
 */
import { localAliases } from "./auth";
import { ForbiddenError } from "./errors";
import { appUrl } from "./runtime";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOriginRequest(
  request: Pick<Request, "method" | "headers">,
  trustedOrigins: readonly string[] = [],
): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const headers = request.headers;
  const origin = headers.get("origin");
  if (origin !== null) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false; // includes the opaque "null"
    }
    if (trustedOrigins.some((trusted) => sameOrigin(trusted, parsed))) return true;
    // The host the browser addressed; x-forwarded-host is only there when a trusted proxy set it
    // or Next copied Host into it (server/client-address.ts drops a client's own).
    const hosts = [headers.get("host"), headers.get("x-forwarded-host")].filter(Boolean);
    return hosts.includes(parsed.host);
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  return true;
}

function sameOrigin(trusted: string, origin: URL): boolean {
  try {
    return new URL(trusted).origin === origin.origin;
  } catch {
    return false;
  }
}

/** The configured APP_URL and, for a local one, its localhost/127.0.0.1 twin. */
export function appOrigins(): string[] {
  const base = appUrl();
  return [new URL(base).origin, ...localAliases(base)];
}

/** 403 unless the request comes from the app's own pages (see the module comment). */
export function assertSameOrigin(
  request: Pick<Request, "method" | "headers">,
  trustedOrigins: readonly string[] = appOrigins(),
): void {
  if (!isSameOriginRequest(request, trustedOrigins)) {
    throw new ForbiddenError(
      "This request came from another site. Open the app and try again from there.",
    );
  }
}
