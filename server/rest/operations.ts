/**
 * Every operation of the public API in one table: method, path, the scope a key needs, and the
 * zod schemas of its parameters, body and answer. Route handlers take their operation from here
 * (so the scope they enforce is the one documented), and the OpenAPI document is generated from
 * it, so neither can drift from the other.
 */
import type { z } from "zod";
import { ModelDocument } from "../../core/scoring/document";
import type { ApiKeyScope } from "./auth";
import {
  ContactsBody,
  ContactsResult,
  ContactView,
  EventsBody,
  EventsResult,
  ExplainQuery,
  Explanation,
  ImportResult,
  PublishResult,
  SegmentBatch,
  SegmentIdentify,
  SegmentResult,
  SegmentTrack,
  SetEnabledBody,
  SetEnabledResult,
  TrackingBody,
  TrackingResult,
} from "./schemas";

export type HttpMethod = "GET" | "POST" | "PATCH";

export interface Operation {
  id: string;
  method: HttpMethod;
  /** OpenAPI path below /api/v1, with `{param}` placeholders. */
  path: string;
  /** The scope a key needs; null: public (no key). */
  scope: ApiKeyScope | null;
  summary: string;
  description?: string;
  tag: "Contacts" | "Events" | "Models" | "Segment" | "Tracking" | "Meta";
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; contentType?: string };
  response: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Error statuses besides the ones every authenticated operation has (401, 403, 429). */
  errors: number[];
}

export const OPERATIONS = {
  upsertContacts: {
    id: "upsertContacts",
    method: "POST",
    path: "/contacts",
    scope: "write",
    tag: "Contacts",
    summary: "Create or update up to 1,000 contacts (atomic)",
    description:
      "A JSON array of contacts, or { contacts: [...] }. Field keys the registry does not know are " +
      "added, typed from the value (number, boolean, text); a value of the wrong type for a known " +
      "field rejects the batch. A null field value removes it. Repeated externalIds merge in order.",
    body: { schema: ContactsBody },
    response: { status: 200, description: "Counts of the batch", schema: ContactsResult },
    errors: [400, 413, 422],
  },
  recordEvents: {
    id: "recordEvents",
    method: "POST",
    path: "/events",
    scope: "write",
    tag: "Events",
    summary: "Record up to 1,000 activities (atomic, idempotent by eventId)",
    description:
      "A JSON array of events, or { events: [...] }. Unknown contacts are created; a repeated " +
      "eventId (in the batch or already stored) counts as a duplicate and is not stored twice.",
    body: { schema: EventsBody },
    response: { status: 200, description: "Counts of the batch", schema: EventsResult },
    errors: [400, 413, 422],
  },
  getContact: {
    id: "getContact",
    method: "GET",
    path: "/contacts/{externalId}",
    scope: "read",
    tag: "Contacts",
    summary: "A contact with its scores, computed at request time",
    pathParams: { externalId: "The contact's externalId" },
    response: { status: 200, description: "The contact", schema: ContactView },
    errors: [404],
  },
  explainScore: {
    id: "explainScore",
    method: "GET",
    path: "/contacts/{externalId}/scores/{modelKey}/explain",
    scope: "read",
    tag: "Contacts",
    summary: "The ledger of a contact's score at an instant",
    pathParams: { externalId: "The contact's externalId", modelKey: "The score model's key" },
    query: ExplainQuery,
    response: { status: 200, description: "Each criterion's contribution", schema: Explanation },
    errors: [400, 404],
  },
  exportModel: {
    id: "exportModel",
    method: "GET",
    path: "/models/{key}",
    scope: "read",
    tag: "Models",
    summary: "Export a model document (latest published version, else the draft)",
    pathParams: { key: "The score model's key" },
    response: { status: 200, description: "The model document", schema: ModelDocument },
    errors: [404],
  },
  importModel: {
    id: "importModel",
    method: "POST",
    path: "/models",
    scope: "admin",
    tag: "Models",
    summary: "Import a model document as a draft (new key: a new model)",
    body: { schema: ModelDocument },
    response: { status: 200, description: "201 when the model is new", schema: ImportResult },
    errors: [400, 413, 422],
  },
  publishModel: {
    id: "publishModel",
    method: "POST",
    path: "/models/{key}/publish",
    scope: "admin",
    tag: "Models",
    summary: "Publish the draft as the next version",
    pathParams: { key: "The score model's key" },
    response: { status: 200, description: "The new version", schema: PublishResult },
    errors: [404, 409, 422],
  },
  setModelEnabled: {
    id: "setModelEnabled",
    method: "PATCH",
    path: "/models/{key}",
    scope: "admin",
    tag: "Models",
    summary: "Switch a model on or off",
    pathParams: { key: "The score model's key" },
    body: { schema: SetEnabledBody },
    response: { status: 200, description: "The model's switch", schema: SetEnabledResult },
    errors: [400, 404, 422],
  },
  segmentIdentify: {
    id: "segmentIdentify",
    method: "POST",
    path: "/segment/identify",
    scope: "write",
    tag: "Segment",
    summary: "Segment identify: upsert the contact (traits → fields)",
    description:
      "Authorization: Bearer <key>, or Basic with the key as user name (Segment's write key).",
    body: { schema: SegmentIdentify },
    response: { status: 200, description: "What was stored", schema: SegmentResult },
    errors: [400, 413, 422],
  },
  segmentTrack: {
    id: "segmentTrack",
    method: "POST",
    path: "/segment/track",
    scope: "write",
    tag: "Segment",
    summary: "Segment track: record the activity (event → snake_case type)",
    body: { schema: SegmentTrack },
    response: { status: 200, description: "What was stored", schema: SegmentResult },
    errors: [400, 413, 422],
  },
  segmentBatch: {
    id: "segmentBatch",
    method: "POST",
    path: "/segment/batch",
    scope: "write",
    tag: "Segment",
    summary: "Segment batch of up to 1,000 messages (atomic)",
    body: { schema: SegmentBatch },
    response: { status: 200, description: "What was stored", schema: SegmentResult },
    errors: [400, 413, 422],
  },
  collect: {
    id: "collect",
    method: "POST",
    path: "/t",
    scope: "publishable",
    tag: "Tracking",
    summary: "Browser tracking collector (used by t.js)",
    description:
      "CORS-enabled; the body is JSON sent as text/plain (sendBeacon). The publishable key comes " +
      "in the body (`key`) or as Authorization: Bearer.",
    body: { schema: TrackingBody, contentType: "text/plain" },
    response: { status: 200, description: "What was stored", schema: TrackingResult },
    errors: [400, 413, 422],
  },
  trackingScript: {
    id: "trackingScript",
    method: "GET",
    path: "/t.js",
    scope: null,
    tag: "Tracking",
    summary: "The browser tracking script",
    response: { status: 200, description: "JavaScript", contentType: "text/javascript" },
    errors: [],
  },
  openapi: {
    id: "openapi",
    method: "GET",
    path: "/openapi.json",
    scope: null,
    tag: "Meta",
    summary: "This OpenAPI document",
    response: { status: 200, description: "OpenAPI 3.1", contentType: "application/json" },
    errors: [],
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof OPERATIONS;
