/**
 * Builds /api/v1/openapi.json (OpenAPI 3.1, whose schemas are JSON Schema 2020-12) from the
 * operation table and the very zod schemas the handlers validate with, via `z.toJSONSchema`.
 */
import { z } from "zod";
import { Condition, ModelDocument } from "../../core/scoring/document";
import { OPERATIONS, type Operation } from "./operations";
import {
  ContactItem,
  ContactsBody,
  ContactsResult,
  ContactView,
  ErrorBody,
  EventItem,
  EventsBody,
  EventsResult,
  ExplainedCriterion,
  Explanation,
  ImportResult,
  JsonValue,
  PublishResult,
  ScoreValue,
  SegmentBatch,
  SegmentIdentify,
  SegmentResult,
  SegmentTrack,
  SetEnabledBody,
  SetEnabledResult,
  TrackingBody,
  TrackingResult,
} from "./schemas";

/** Schemas published under #/components/schemas, by name. */
const NAMED: [string, z.ZodType][] = [
  ["Error", ErrorBody],
  ["ContactInput", ContactItem],
  ["ContactsBatch", ContactsBody],
  ["ContactsResult", ContactsResult],
  ["EventInput", EventItem],
  ["EventsBatch", EventsBody],
  ["EventsResult", EventsResult],
  ["ScoreValue", ScoreValue],
  ["Contact", ContactView],
  ["ExplainedCriterion", ExplainedCriterion],
  ["Explanation", Explanation],
  ["ModelDocument", ModelDocument],
  ["Condition", Condition],
  ["JsonValue", JsonValue],
  ["ImportResult", ImportResult],
  ["PublishResult", PublishResult],
  ["SetEnabled", SetEnabledBody],
  ["SetEnabledResult", SetEnabledResult],
  ["SegmentIdentify", SegmentIdentify],
  ["SegmentTrack", SegmentTrack],
  ["SegmentBatch", SegmentBatch],
  ["SegmentResult", SegmentResult],
  ["TrackingBody", TrackingBody],
  ["TrackingResult", TrackingResult],
];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON or an invalid parameter",
  401: "Missing, unknown or revoked API key",
  403: "The key's scope does not allow this operation",
  404: "Unknown (or another workspace's) contact or model",
  409: "Conflicting concurrent change",
  413: "More than 1,000 items or a body over the size limit",
  422: "Invalid items (details.items: [{ index, field, message }]) or document (details.issues)",
  429: "Rate limit of the key exceeded; retry after Retry-After seconds",
};

type JsonSchema = Record<string, unknown>;

function strip(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

export function buildOpenApiDocument(serverUrl = "/api/v1") {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodType, string>();
  for (const [id, schema] of NAMED) {
    registry.add(schema, { id });
    idOf.set(schema, id);
  }
  const uri = (id: string) => `#/components/schemas/${id}`;
  const generated = z.toJSONSchema(registry, { uri, io: "input", unrepresentable: "any" });
  // Unnamed schemas used by several named ones (recursive JSON values, condition trees) land in
  // `__shared.$defs`; lift them to components so every $ref is a plain JSON pointer.
  const { __shared: shared, ...named } = generated.schemas as Record<string, JsonSchema>;
  const lifted = (shared?.$defs ?? {}) as Record<string, JsonSchema>;
  const schemas = JSON.parse(
    JSON.stringify({ ...named, ...lifted }).replaceAll(`${uri("__shared")}#/$defs/`, uri("")),
  ) as Record<string, JsonSchema>;
  for (const id of Object.keys(schemas)) schemas[id] = strip(schemas[id]!);
  const ref = (schema: z.ZodType): JsonSchema => {
    const id = idOf.get(schema);
    if (id) return { $ref: uri(id) };
    return strip(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema);
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of Object.values(OPERATIONS) as Operation[]) {
    const parameters: JsonSchema[] = [];
    for (const [name, description] of Object.entries(op.pathParams ?? {})) {
      parameters.push({
        name,
        in: "path",
        required: true,
        description,
        schema: { type: "string" },
      });
    }
    if (op.query) {
      for (const [name, schema] of Object.entries(op.query.shape as Record<string, z.ZodType>)) {
        parameters.push({
          name,
          in: "query",
          required: !schema.safeParse(undefined).success,
          description: schema.description,
          schema: ref(schema),
        });
      }
    }
    const responses: Record<string, unknown> = {
      [String(op.response.status)]: {
        description: op.response.description,
        ...(op.response.schema
          ? { content: { "application/json": { schema: ref(op.response.schema) } } }
          : { content: { [op.response.contentType ?? "application/json"]: {} } }),
      },
    };
    const statuses = op.scope ? [401, 403, 429, ...op.errors] : op.errors;
    for (const status of [...new Set(statuses)].sort()) {
      responses[String(status)] = {
        description: ERROR_DESCRIPTIONS[status] ?? "Error",
        ...(status === 429
          ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds" } } }
          : {}),
        content: { "application/json": { schema: { $ref: uri("Error") } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: op.id,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      security: op.scope ? [{ bearerAuth: [] }, { basicAuth: [] }] : [],
      "x-scope": op.scope,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                [op.body.contentType ?? "application/json"]: { schema: ref(op.body.schema) },
              },
            },
          }
        : {}),
      responses,
    };
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operation;
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Scorecraft API",
      version: "1",
      description:
        "Ingest contacts and activities, read scores and their explanation, and manage score " +
        "models as code. Keys have a scope: write (ingest), read (reads), admin (everything, " +
        "including models), publishable (browser tracking only). Batches are atomic.",
    },
    servers: [{ url: serverUrl }],
    tags: ["Contacts", "Events", "Models", "Segment", "Tracking", "Meta"].map((name) => ({ name })),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Authorization: Bearer <key>" },
        basicAuth: {
          type: "http",
          scheme: "basic",
          description: "The key as user name, empty password (Segment/RudderStack webhooks)",
        },
      },
    },
  };
}
