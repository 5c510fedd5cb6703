/**
 * zod schemas of the public API beyond the ingest items (which live with the ingest services).
 * Request schemas here validate requests in the routes; response schemas document them. Both feed
 * /api/v1/openapi.json, so the document cannot drift from what the handlers accept.
 */
import { z } from "zod";
import {
  ContactItem,
  EventItem,
  IsoInstant,
  JsonValue,
  MAX_BATCH_ITEMS,
} from "../services/ingest/shared";
import { SegmentBatch, SegmentIdentify, SegmentTrack } from "../services/ingest/segment-schemas";
import { TrackingBody } from "../services/ingest/tracking-schemas";

export {
  ContactItem,
  EventItem,
  JsonValue,
  SegmentBatch,
  SegmentIdentify,
  SegmentTrack,
  TrackingBody,
};

export const ErrorBody = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        "BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE, PAYLOAD_TOO_LARGE, RATE_LIMITED or INTERNAL",
      ),
    message: z.string(),
    details: z
      .unknown()
      .optional()
      .describe(
        "Batches: { items: [{ index, field, message }] }; model documents: { issues: [{ path, code, message }] }",
      ),
  }),
});

export const ContactsBody = z.union([
  z.array(ContactItem).max(MAX_BATCH_ITEMS),
  z.strictObject({ contacts: z.array(ContactItem).max(MAX_BATCH_ITEMS) }),
]);

export const EventsBody = z.union([
  z.array(EventItem).max(MAX_BATCH_ITEMS),
  z.strictObject({ events: z.array(EventItem).max(MAX_BATCH_ITEMS) }),
]);

export const ContactsResult = z.object({
  created: z.number().int(),
  updated: z.number().int().describe("Existing contacts whose data changed"),
  unchanged: z.number().int().describe("Existing contacts the batch did not change"),
});

export const EventsResult = z.object({ accepted: z.number().int(), duplicates: z.number().int() });

export const ScoreValue = z.object({
  raw: z.number(),
  score: z.number().describe("0–100"),
  stars: z.number().describe("0–5 in halves"),
  band: z.string(),
  asOf: IsoInstant,
});

export const ContactView = z.object({
  externalId: z.string(),
  email: z.string().nullable(),
  createdAt: IsoInstant,
  fields: z.record(z.string(), JsonValue),
  scores: z
    .record(z.string(), ScoreValue)
    .describe("One entry per enabled model with a published version"),
});

export const ExplainedCriterion = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(["filter", "activity", "inactivity"]),
  matched: z.boolean(),
  occurrences: z.number().int(),
  points: z.number(),
  undecayed: z.number().describe("Points before decay (SPEC §4 ledger)"),
  contribution: z.number(),
  capped: z.boolean(),
  nextChangeAt: IsoInstant.nullable(),
});

export const Explanation = z.object({
  modelKey: z.string(),
  version: z.number().int(),
  at: IsoInstant,
  raw: z.number(),
  score: z.number(),
  stars: z.number(),
  band: z.string(),
  criteria: z.array(ExplainedCriterion),
});

export const ExplainQuery = z.object({
  at: IsoInstant.optional().describe("The instant T (default: now); past and future allowed"),
});

export const ImportResult = z.object({
  key: z.string(),
  created: z.boolean(),
  draftRevision: z.number().int(),
});

export const PublishResult = z.object({ key: z.string(), version: z.number().int() });

export const SetEnabledBody = z.strictObject({ enabled: z.boolean() });

export const SetEnabledResult = z.object({ key: z.string(), enabled: z.boolean() });

export const SegmentResult = z.object({
  contacts: z.object({ created: z.number().int(), updated: z.number().int() }),
  events: EventsResult,
  merged: z.number().int().describe("Anonymous contacts merged into identified ones"),
  skipped: z.number().int().describe("Messages of types Scorecraft does not store (group, alias)"),
});

export const TrackingResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  merged: z.number().int(),
});
