/**
 * Segment spec payloads (https://segment.com/docs/connections/spec/) as Segment and RudderStack
 * webhook destinations send them. Objects are loose: those tools add many keys (context,
 * integrations, channel…) that Scorecraft ignores.
 */
import { z } from "zod";
import { JsonValue, MAX_BATCH_ITEMS } from "./shared";

const Id = z
  .union([z.string().min(1).max(256), z.number()])
  .nullable()
  .optional();
const Properties = z.record(z.string(), JsonValue);

const common = {
  messageId: z.string().min(1).max(256).describe("Idempotency key; becomes the eventId"),
  userId: Id.describe("Your id for the person; becomes the contact's externalId"),
  anonymousId: Id.describe("Before identification: the contact is anon:<anonymousId>"),
  timestamp: z.string().optional(),
  originalTimestamp: z.string().optional(),
  receivedAt: z.string().optional(),
};

export const SegmentIdentify = z.looseObject({
  type: z.literal("identify").optional(),
  ...common,
  traits: Properties.optional(),
});
export type SegmentIdentify = z.infer<typeof SegmentIdentify>;

export const SegmentTrack = z.looseObject({
  type: z.literal("track").optional(),
  ...common,
  event: z.string().min(1).max(200).describe("Becomes the activity type, in snake_case"),
  properties: Properties.optional(),
});
export type SegmentTrack = z.infer<typeof SegmentTrack>;

/** page and screen calls become `page_viewed` / `screen_viewed` activities. */
export const SegmentPage = z.looseObject({
  type: z.enum(["page", "screen"]),
  ...common,
  name: z.string().max(500).nullable().optional(),
  properties: Properties.optional(),
});
export type SegmentPage = z.infer<typeof SegmentPage>;

export const SegmentBatch = z.looseObject({
  batch: z
    .array(
      z.looseObject({
        type: z.string().describe("identify, track, page, screen (group and alias are skipped)"),
      }),
    )
    .max(MAX_BATCH_ITEMS),
});
export type SegmentBatch = z.infer<typeof SegmentBatch>;
