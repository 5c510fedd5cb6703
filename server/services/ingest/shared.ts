/**
 * What the ingest services share: the item schemas (also the public API's request schemas and
 * OpenAPI), batch limits, per-item error reporting and the registry typing rules.
 */
import { z } from "zod";
import { ISO_INSTANT_PATTERN, parseIsoInstant } from "../../../core/scoring/iso";
import type { FieldType } from "../../../core/scoring/document";
import { ServiceError } from "../../errors";

/** SPEC §7: at most this many items per batch. */
export const MAX_BATCH_ITEMS = 1000;

/** Registry keys (contact fields, activity types): what `contact.<key>` rules can name. */
export const REGISTRY_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const REGISTRY_KEY_MESSAGE = "lowercase letters, digits and _, starting with a letter (≤ 64)";

const ISO_INSTANT_REGEX = new RegExp(ISO_INSTANT_PATTERN);

export const IsoInstant = z
  .string()
  .max(40)
  .regex(ISO_INSTANT_REGEX, "an ISO instant with an offset, e.g. 2026-01-31T09:30:00Z")
  .refine(
    // Only instants of the right form can be out of range (the pattern reports the others).
    (value) => !ISO_INSTANT_REGEX.test(value) || parseIsoInstant(value) !== null,
    "the instant must fall in years 0001–9999 once converted to UTC",
  )
  .meta({ format: "date-time" });

/** Any JSON value (activity properties); one instance so OpenAPI names it once. */
export const JsonValue = z.json();

/** Not `.` or `..`: as a path segment (`/contacts/..`) URLs resolve them away, so unreadable. */
export const ExternalId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^(?!\.\.?$)/, "must not be . or ..");

/** A contact field value: a JSON primitive; null removes the value. */
export const FieldValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

export const FieldKey = z.string().regex(REGISTRY_KEY_PATTERN, REGISTRY_KEY_MESSAGE);

export const ContactItem = z.strictObject({
  externalId: ExternalId.describe("Your id for the contact, unique in the workspace"),
  email: z.string().max(320).nullable().optional(),
  createdAt: IsoInstant.optional().describe("Signup date to keep; default: first seen"),
  fields: z
    .record(FieldKey, FieldValue)
    .optional()
    .describe("Field values by registry key; unknown keys are added to the registry"),
});
export type ContactItem = z.infer<typeof ContactItem>;

export const EventItem = z.strictObject({
  eventId: z.string().min(1).max(256).describe("Idempotency key, unique in the workspace"),
  contactId: ExternalId.describe("The contact's externalId; an unknown contact is created"),
  type: z.string().regex(REGISTRY_KEY_PATTERN, REGISTRY_KEY_MESSAGE).describe("Activity type"),
  occurredAt: IsoInstant,
  properties: z.record(z.string().max(200), JsonValue).optional(),
});
export type EventItem = z.infer<typeof EventItem>;

/** One problem of one batch item; `field` is a dotted path inside the item ("fields.seats"). */
export interface ItemIssue {
  index: number;
  field: string;
  message: string;
}

/** At most this many issues are returned: enough to fix a batch, bounded in size. */
const MAX_REPORTED_ISSUES = 200;

/** An invalid batch: nothing was written (SPEC §7), every issue names its item. */
export class InvalidBatchError extends ServiceError {
  constructor(issues: ItemIssue[]) {
    const items = new Set(issues.map((i) => i.index)).size;
    super(
      "UNPROCESSABLE",
      `${items} item${items === 1 ? " is" : "s are"} invalid; nothing was written`,
      { items: issues.slice(0, MAX_REPORTED_ISSUES) },
    );
  }
}

export function requireBatchSize(length: number): void {
  if (length > MAX_BATCH_ITEMS) {
    throw new ServiceError(
      "PAYLOAD_TOO_LARGE",
      `A batch holds at most ${MAX_BATCH_ITEMS} items; this one has ${length}`,
    );
  }
}

/** zod issues of one item as ItemIssues (`fields.seats`, `occurredAt`, `(item)` for the item). */
export function itemIssues(index: number, error: z.ZodError): ItemIssue[] {
  return error.issues.map((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const path = issue.path.map(String).join(".");
    const field = keys.length > 0 ? [path, keys[0]].filter(Boolean).join(".") : path;
    return { index, field: field || "(item)", message: issue.message };
  });
}

/**
 * The registry type a JSON value suggests (SPEC §7: number, boolean, text). Dates and enums are
 * only ever declared by users, never guessed: a string is text.
 */
export function inferType(value: unknown): "text" | "number" | "boolean" | null {
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return null;
}

/** Why a value does not fit a known field type, or null when it does. */
export function typeMismatch(
  type: FieldType,
  options: readonly string[] | null | undefined,
  value: unknown,
): string | null {
  if (value === null) return null;
  switch (type) {
    case "text":
      return typeof value === "string" ? null : `expected text, got ${jsonType(value)}`;
    case "number":
      return typeof value === "number" ? null : `expected a number, got ${jsonType(value)}`;
    case "boolean":
      return typeof value === "boolean" ? null : `expected true or false, got ${jsonType(value)}`;
    case "date":
      return parseIsoInstant(value) !== null
        ? null
        : "expected an ISO instant with an offset, e.g. 2026-01-31T09:30:00Z";
    case "enum":
      if (typeof value !== "string") return `expected one of the options, got ${jsonType(value)}`;
      if (options && options.length > 0 && !options.includes(value)) {
        return `expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}`;
      }
      return null;
  }
}

export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return "text";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** `page_viewed` → "Page viewed": the registry's first label until a user renames it. */
export function labelFromKey(key: string): string {
  const words = key.replace(/_+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** Property keys the activity registry learns: ones a `property.<key>` rule can sensibly name. */
export function isLearnableProperty(key: string): boolean {
  return key.length > 0 && key.length <= 64;
}

/** Canonical ISO string of a validated instant (the database receives one normal form). */
export function normalizeInstant(value: string): string {
  const ms = parseIsoInstant(value);
  if (ms === null) throw new Error(`not an ISO instant: ${value}`);
  return new Date(ms).toISOString();
}

/**
 * Postgres text and jsonb cannot hold U+0000; finding it here turns what would be a failed
 * statement (500) into an item error naming the path.
 */
export function nulIssue(index: number, value: unknown, path = ""): ItemIssue | null {
  const here = path || "(item)";
  if (typeof value === "string") {
    return value.includes("\u0000")
      ? { index, field: here, message: "text cannot contain the NUL character (\\u0000)" }
      : null;
  }
  if (value === null || typeof value !== "object") return null;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  for (const [key, child] of entries) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) {
      return { index, field: here, message: "keys cannot contain the NUL character (\\u0000)" };
    }
    const found = nulIssue(index, child, childPath);
    if (found) return found;
  }
  return null;
}

/**
 * A registry key from a name others chose ("Order Completed", "firstName", "plan-tier"):
 * snake_case, ASCII letters and digits, ≤ 64 characters; one starting with a digit gets
 * `prefix_`. Empty when nothing usable is left.
 */
export function toRegistryKey(name: string, prefix: string): string {
  const snake = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!snake) return "";
  const key = /^[0-9]/.test(snake) ? `${prefix}_${snake}` : snake;
  return key.slice(0, 64).replace(/_+$/, "");
}

/** The input of a batch endpoint: items are validated one by one by the service (per-item issues). */
export const BatchInput = z.object({ items: z.array(z.unknown()).readonly() });
