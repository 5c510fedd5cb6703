/** What the browser script (/api/v1/t.js) posts to the collector (/api/v1/t). */
import { z } from "zod";
import { ExternalId, FieldValue, JsonValue } from "./shared";

/** Messages per request: the script sends at most a page's queue at once. */
export const MAX_TRACKING_MESSAGES = 50;

export const TrackingMessage = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("track"),
    eventId: z
      .string()
      .min(8)
      .max(128)
      .describe("Random per event, so a retried beacon is a duplicate"),
    type: z.string().min(1).max(200).describe("Activity type; stored in snake_case"),
    properties: z.record(z.string().max(200), JsonValue).optional(),
  }),
  z.strictObject({
    kind: z.literal("identify"),
    userId: ExternalId,
    fields: z.record(z.string().max(200), FieldValue).optional(),
  }),
]);
export type TrackingMessage = z.infer<typeof TrackingMessage>;

export const TrackingBody = z.strictObject({
  key: z
    .string()
    .max(200)
    .optional()
    .describe("The publishable key (sendBeacon cannot send headers)"),
  anonymousId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8–64 letters, digits, _ or -"),
  userId: ExternalId.optional().describe("Set after identify: activity goes to this contact"),
  messages: z.array(TrackingMessage).min(1).max(MAX_TRACKING_MESSAGES),
});
export type TrackingBody = z.infer<typeof TrackingBody>;
