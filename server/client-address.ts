/**
 * The client's address, which login rate limits and the tracking collector's per-address bucket
 * key on. Any client can send `X-Forwarded-For`, and Next keeps a client-sent value instead of the
 * socket's, so the server rewrites the forwarding headers of every request before Next sees it:
 *
 * - no proxy in front (TRUST_PROXY=false, the default): `X-Forwarded-For` becomes the socket's
 *   address and the client's `X-Forwarded-Host/Proto/Port` and `Forwarded` are removed;
 * - TRUST_PROXY=true: the last address of `X-Forwarded-For`, the one the proxy in front appended
 *   for the connection it received, becomes the whole header (addresses before it are the
 *   client's own claims); the proxy's host and protocol headers are kept.
 *
 * Afterwards `X-Forwarded-For` holds exactly one address that the client cannot choose, and every
 * handler (better-auth included) reads it from there.
 */
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";

export const CLIENT_ADDRESS_HEADER = "x-forwarded-for";

/** Headers only a trusted proxy may set; without one they are the client's inventions. */
const PROXY_ONLY_HEADERS = [
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
  "x-real-ip",
];

/** Used when no address can be known (a socket already closed): one shared bucket, never a bypass. */
const UNKNOWN_ADDRESS = "unknown";

export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const joined = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
    const hops = joined
      .split(",")
      .map((hop) => hop.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  return socketAddress || UNKNOWN_ADDRESS;
}

/** Rewrites one incoming request's forwarding headers (see the module comment). */
export function normalizeForwardingHeaders(request: IncomingMessage, trustProxy: boolean): void {
  const headers = request.headers;
  headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
    request.socket?.remoteAddress,
    headers[CLIENT_ADDRESS_HEADER],
    trustProxy,
  );
  if (!trustProxy) for (const name of PROXY_ONLY_HEADERS) delete headers[name];
}

interface RequestStart {
  request: IncomingMessage;
}

/**
 * Rewrites the headers of every request this process's HTTP servers receive. Node publishes
 * `http.server.request.start` synchronously before the server's `request` listeners (Next's)
 * run, so no handler ever sees the client's values. Returns the unsubscribe function.
 */
export function installClientAddressHook(trustProxy: boolean): () => void {
  const onStart = (message: unknown) => {
    normalizeForwardingHeaders((message as RequestStart).request, trustProxy);
  };
  diagnostics.subscribe("http.server.request.start", onStart);
  return () => diagnostics.unsubscribe("http.server.request.start", onStart);
}

/** The address the edge hook left in the request (route handlers have no socket to ask). */
export function clientAddress(headers: Headers): string {
  const value = headers.get(CLIENT_ADDRESS_HEADER) ?? "";
  // Normalised to one address; when a handler runs without the hook (tests), the last hop is the
  // one nearest to the server.
  return value.split(",").at(-1)?.trim() || UNKNOWN_ADDRESS;
}
