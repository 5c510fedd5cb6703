/**
 * What the public API answers before any route runs (called from proxy.ts): a path that is not
 * valid percent-encoding is a 400, an unknown path a 404 and a known path with another method a
 * 405 with `Allow` — all in the API's JSON error shape, never Next's HTML page or an empty body.
 */
import { OPERATIONS } from "./operations";

export const API_PREFIX = "/api/v1";

interface Route {
  pattern: RegExp;
  methods: Set<string>;
}

const ROUTES: Route[] = (() => {
  const byPath = new Map<string, Set<string>>();
  for (const op of Object.values(OPERATIONS)) {
    const methods = byPath.get(op.path) ?? new Set<string>();
    methods.add(op.method);
    if (op.method === "GET") methods.add("HEAD");
    byPath.set(op.path, methods);
  }
  return [...byPath].map(([path, methods]) => ({
    pattern: new RegExp(
      `^${path
        .split("/")
        .map((part) => (/^\{.+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/")}$`,
    ),
    // Browsers preflight the collector and load its script cross-site.
    methods: new Set([...methods, "OPTIONS"]),
  }));
})();

function errorJson(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** A response for requests no route should see, or null to let the route run. */
export function apiEdgeResponse(method: string, rawPathname: string): Response | null {
  if (!rawPathname.startsWith(API_PREFIX)) return null;
  const path = rawPathname.slice(API_PREFIX.length) || "/";
  for (const segment of path.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return errorJson(400, "BAD_REQUEST", `The path segment "${segment.slice(0, 80)}" is not valid percent-encoding`);
    }
    if (decoded.includes("\u0000")) {
      return errorJson(400, "BAD_REQUEST", "A path segment cannot contain the NUL character (%00)");
    }
  }
  const route = ROUTES.find((r) => r.pattern.test(path));
  if (!route) return errorJson(404, "NOT_FOUND", `No API endpoint at ${API_PREFIX}${path.slice(0, 200)}`);
  if (!route.methods.has(method.toUpperCase())) {
    const allow = [...route.methods].join(", ");
    return errorJson(405, "METHOD_NOT_ALLOWED", `${method} is not allowed here; use ${allow}`, {
      allow,
    });
  }
  return null;
}
