/**
 * /api/v1/openapi.json is complete and well-formed: every route file's methods are documented,
 * every documented path has a route, every $ref resolves, authenticated operations document their
 * errors, and the request schemas are the ones the handlers validate with.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "../../../app/api/v1/openapi.json/route";
import { ContactItem, EventItem } from "../../services/ingest/shared";
import { buildOpenApiDocument } from "../openapi";
import { OPERATIONS } from "../operations";

const ROOT = path.resolve(import.meta.dirname, "../../../app/api/v1");
const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;

/** `contacts/[externalId]/route.ts` → `/contacts/{externalId}`. */
function routeFiles(dir = ROOT): { file: string; path: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const rel = path.relative(ROOT, path.dirname(full)).split(path.sep).join("/");
    return [{ file: full, path: `/${rel.replace(/\[([^\]]+)\]/g, "{$1}")}` }];
  });
}

type Doc = ReturnType<typeof buildOpenApiDocument>;

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("openapi.json", () => {
  const doc: Doc = JSON.parse(JSON.stringify(buildOpenApiDocument())) as Doc;

  it("documents every method of every route file, and nothing else", async () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
      ),
    );
    const implemented = new Set<string>();
    for (const route of routeFiles()) {
      const mod = (await import(route.file)) as Record<string, unknown>;
      for (const method of METHODS)
        if (typeof mod[method] === "function") implemented.add(`${method} ${route.path}`);
    }
    expect([...implemented].sort()).toEqual([...documented].sort());
    expect(implemented.size).toBe(Object.keys(OPERATIONS).length);
  });

  it("resolves every $ref to a component schema", () => {
    const names = new Set(Object.keys(doc.components.schemas));
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(names.has(ref.split("/").pop()!), ref).toBe(true);
    }
    for (const schema of Object.values(doc.components.schemas)) {
      expect(schema).not.toHaveProperty("$schema");
    }
  });

  it("documents auth, errors and bodies for each operation", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ scheme: "bearer" }),
    );
    for (const op of Object.values(OPERATIONS)) {
      const entry = (doc.paths as Record<string, Record<string, Record<string, unknown>>>)[
        op.path
      ]?.[op.method.toLowerCase()];
      expect(entry, `${op.method} ${op.path}`).toBeDefined();
      const responses = entry!.responses as Record<
        string,
        { content?: Record<string, { schema?: unknown }> }
      >;
      expect(responses[String(op.response.status)]).toBeDefined();
      if (op.scope) {
        expect(entry!.security).toEqual([{ bearerAuth: [] }, { basicAuth: [] }]);
        for (const status of ["401", "403", "429", ...op.errors.map(String)]) {
          expect(responses[status]?.content?.["application/json"]?.schema).toEqual({
            $ref: "#/components/schemas/Error",
          });
        }
      }
      if ("body" in op) expect(entry!.requestBody).toBeDefined();
      for (const name of Object.keys("pathParams" in op ? op.pathParams : {})) {
        expect(op.path).toContain(`{${name}}`);
      }
    }
  });

  it("publishes the same schemas the ingest services validate with", () => {
    const contactInput = doc.components.schemas.ContactInput as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(contactInput.required).toEqual(["externalId"]);
    expect(Object.keys(contactInput.properties).sort()).toEqual(
      Object.keys(ContactItem.shape).sort(),
    );
    const eventInput = doc.components.schemas.EventInput as { required: string[] };
    expect(eventInput.required.sort()).toEqual(["contactId", "eventId", "occurredAt", "type"]);
    expect(Object.keys(EventItem.shape)).toContain("properties");
    const batch = doc.components.schemas.EventsBatch as { anyOf: { maxItems?: number }[] };
    expect(batch.anyOf[0]?.maxItems).toBe(1000);
  });

  it("is served as JSON with the request's origin as the server", async () => {
    const res = GET(new Request("https://scores.example.com/api/v1/openapi.json"));
    expect(res.status).toBe(200);
    const served = (await res.json()) as Doc;
    expect(served.servers).toEqual([{ url: "https://scores.example.com/api/v1" }]);
    expect(Object.keys(served.paths)).toEqual(Object.keys(doc.paths));
  });
});
