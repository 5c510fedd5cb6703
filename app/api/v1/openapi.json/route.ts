/** The OpenAPI 3.1 document of /api/v1, generated from the schemas the handlers validate with. */
import { jsonResponse } from "@/server/rest/errors";
import { buildOpenApiDocument } from "@/server/rest/openapi";

let cached: ReturnType<typeof buildOpenApiDocument> | null = null;

export function GET(request: Request): Response {
  cached ??= buildOpenApiDocument("/api/v1");
  const origin = new URL(request.url).origin;
  return jsonResponse({ ...cached, servers: [{ url: `${origin}/api/v1` }] }, 200, {
    "cache-control": "public, max-age=300",
    "access-control-allow-origin": "*",
  });
}
