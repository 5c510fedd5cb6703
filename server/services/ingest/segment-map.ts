/**
 * Pure mapping from Segment spec messages to Scorecraft items: identify → contact upsert
 * (traits → fields in snake_case; email and createdAt to their columns), track → activity
 * (event name → snake_case type, messageId → eventId), page/screen → page_viewed/screen_viewed.
 * userId is the contact's externalId; without one, anonymousId gives `anon:<anonymousId>`; a
 * message with both merges the anonymous contact into the known one.
 */
import { parseIsoInstant } from "../../../core/scoring/iso";
import { anonymousExternalId, type MergePair } from "./merge";
import { SegmentIdentify, SegmentPage, SegmentTrack } from "./segment-schemas";
import { itemIssues, jsonType, toRegistryKey, type ItemIssue } from "./shared";

export interface SegmentItems {
  contactItems: unknown[];
  contactIndex: number[];
  eventItems: unknown[];
  eventIndex: number[];
  merges: MergePair[];
  skipped: number;
  issues: ItemIssue[];
}

const SKIPPED_TYPES = new Set(["group", "alias"]);

/** Segment reserved traits that land in built-in fields. */
const TRAIT_ALIASES: Record<string, string> = { title: "job_title", company_name: "company" };
const ADDRESS_ALIASES: Record<string, string> = { city: "city", country: "country" };

function idString(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === "" ? null : s;
}

/** The Segment name of an item path, so errors point at what the sender wrote. */
const SEGMENT_FIELD: Record<string, string> = {
  eventId: "messageId",
  contactId: "userId",
  occurredAt: "timestamp",
  type: "event",
  externalId: "userId",
};

export function segmentField(field: string): string {
  if (field.startsWith("fields.")) return `traits.${field.slice("fields.".length)}`;
  const [head, ...rest] = field.split(".");
  const mapped = SEGMENT_FIELD[head ?? ""];
  return mapped ? [mapped, ...rest].join(".") : field;
}

/** Traits as contact fields: snake_case keys, nested address/company flattened, arrays dropped. */
export function traitsToContact(traits: Record<string, unknown>): {
  email: string | null;
  createdAt: string | null;
  fields: Record<string, unknown>;
} {
  let email: string | null = null;
  let createdAt: string | null = null;
  const fields: Record<string, unknown> = {};
  const put = (rawKey: string, value: unknown) => {
    const snake = toRegistryKey(rawKey, "trait");
    const key = (Object.hasOwn(TRAIT_ALIASES, snake) ? TRAIT_ALIASES[snake] : undefined) ?? snake;
    if (!key || key === "id") return;
    if (key === "email") {
      if (typeof value === "string") email = value;
      return;
    }
    if (key === "created_at") {
      // Segment senders use many date formats; only a strict ISO instant is kept as the signup date.
      if (parseIsoInstant(value) !== null) createdAt = value as string;
      return;
    }
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
      fields[key] = value;
  };
  for (const [key, value] of Object.entries(traits)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const parent = toRegistryKey(key, "trait");
      for (const [sub, subValue] of Object.entries(value as Record<string, unknown>)) {
        const subKey = toRegistryKey(sub, "x");
        if (parent === "address" && Object.hasOwn(ADDRESS_ALIASES, subKey))
          put(ADDRESS_ALIASES[subKey] as string, subValue);
        else if (parent === "company" && subKey === "name") put("company", subValue);
        else put(`${parent}_${subKey}`, subValue);
      }
      continue;
    }
    if (!Array.isArray(value)) put(key, value);
  }
  return { email, createdAt, fields };
}

/** When the event happened: timestamp, else originalTimestamp, else receivedAt, else now. */
function occurredAt(
  message: { timestamp?: string; originalTimestamp?: string; receivedAt?: string },
  now: Date,
): string | null {
  for (const candidate of [message.timestamp, message.originalTimestamp, message.receivedAt]) {
    if (candidate === undefined) continue;
    return parseIsoInstant(candidate) === null ? null : candidate;
  }
  return now.toISOString();
}

export function mapSegmentMessages(messages: readonly unknown[], now: Date): SegmentItems {
  const out: SegmentItems = {
    contactItems: [],
    contactIndex: [],
    eventItems: [],
    eventIndex: [],
    merges: [],
    skipped: 0,
    issues: [],
  };
  const fail = (index: number, field: string, message: string) =>
    out.issues.push({ index, field, message });

  messages.forEach((message, index) => {
    const type =
      message && typeof message === "object" && !Array.isArray(message)
        ? (message as { type?: unknown }).type
        : undefined;
    if (typeof type === "string" && SKIPPED_TYPES.has(type)) {
      out.skipped += 1;
      return;
    }
    const schema =
      type === "identify"
        ? SegmentIdentify
        : type === "track"
          ? SegmentTrack
          : type === "page" || type === "screen"
            ? SegmentPage
            : null;
    if (!schema) {
      fail(
        index,
        "type",
        `expected identify, track, page, screen, group or alias, got ${typeof type === "string" ? JSON.stringify(type) : jsonType(type)}`,
      );
      return;
    }
    const parsed = schema.safeParse(message);
    if (!parsed.success) {
      out.issues.push(...itemIssues(index, parsed.error));
      return;
    }
    const m = parsed.data;
    const userId = idString(m.userId);
    const anonymousId = idString(m.anonymousId);
    if (!userId && !anonymousId) {
      fail(index, "userId", "userId or anonymousId is required");
      return;
    }
    const contactId = userId ?? anonymousExternalId(anonymousId!);
    if (userId && anonymousId) {
      out.merges.push({ anonymous: anonymousExternalId(anonymousId), known: userId });
    }

    if (type === "identify") {
      const { email, createdAt, fields } = traitsToContact((m as SegmentIdentify).traits ?? {});
      out.contactItems.push({
        externalId: contactId,
        ...(email !== null ? { email } : {}),
        ...(createdAt !== null ? { createdAt } : {}),
        fields,
      });
      out.contactIndex.push(index);
      return;
    }

    const at = occurredAt(m, now);
    if (at === null) {
      fail(
        index,
        "timestamp",
        "expected an ISO instant with an offset, e.g. 2026-01-31T09:30:00.000Z",
      );
      return;
    }
    let activityType: string;
    let properties: Record<string, unknown> = { ...(m as SegmentTrack).properties };
    if (type === "track") {
      activityType = toRegistryKey((m as SegmentTrack).event, "event");
      if (!activityType) {
        fail(index, "event", "the event name needs at least one letter or digit");
        return;
      }
    } else {
      const page = m as SegmentPage;
      activityType = type === "page" ? "page_viewed" : "screen_viewed";
      const context = (message as { context?: { page?: Record<string, unknown> } }).context;
      for (const key of ["url", "path", "title", "referrer"]) {
        const fromContext = context?.page?.[key];
        if (properties[key] === undefined && typeof fromContext === "string")
          properties[key] = fromContext;
      }
      if (page.name) properties = { name: page.name, ...properties };
    }
    out.eventItems.push({
      eventId: m.messageId,
      contactId,
      type: activityType,
      occurredAt: at,
      properties,
    });
    out.eventIndex.push(index);
  });
  return out;
}
