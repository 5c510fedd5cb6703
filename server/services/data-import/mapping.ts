/**
 * How CSV columns become ingest items: the mapping users choose (validated here), and the pure
 * conversion of one row of text cells into the item shape of the ingest services
 * (`server/services/ingest`), with a reason for every cell that does not fit. Columns are referred
 * to by index: headers may repeat or be empty.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { parseIsoInstant } from "../../../core/scoring/iso";

export const FIELD_TYPES = ["text", "number", "boolean", "date", "enum"] as const;
export type ImportFieldType = (typeof FIELD_TYPES)[number];

/** Registry keys (same rule as the ingest services and the public API). */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const Key = z
  .string()
  .regex(KEY_PATTERN, "lowercase letters, digits and _, starting with a letter (≤ 64)");
const ColumnIndex = z.number().int().min(0).max(9_999);

/** Contact columns the mapping sets directly, never as `fields` (the ingest service refuses them). */
export const RESERVED_FIELD_KEYS = new Set(["email", "created_at"]);

const FieldTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("skip") }),
  /** An existing registry field; its type comes from the registry. */
  z.object({ kind: z.literal("field"), key: Key }),
  /** A field created (with this type) when the import starts. */
  z.object({
    kind: z.literal("new"),
    key: Key,
    label: z.string().trim().min(1).max(80),
    type: z.enum(FIELD_TYPES),
    options: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
  }),
]);
export type FieldTarget = z.infer<typeof FieldTarget>;

const PropertyTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("skip") }),
  z.object({
    kind: z.literal("property"),
    key: z.string().trim().min(1).max(64),
    type: z.enum(["text", "number", "boolean", "date"]),
  }),
]);
export type PropertyTarget = z.infer<typeof PropertyTarget>;

export const ContactsMapping = z.object({
  kind: z.literal("contacts"),
  /** The column holding the contact's key (→ externalId). */
  key: ColumnIndex,
  email: ColumnIndex.nullable().default(null),
  createdAt: ColumnIndex.nullable().default(null),
  /** One target per column; the key, email and created-at columns are not read from here. */
  columns: z.array(FieldTarget).max(10_000),
});
export type ContactsMapping = z.infer<typeof ContactsMapping>;

export const ActivitiesMapping = z.object({
  kind: z.literal("activities"),
  /** null: a stable id derived from the row's content (re-importing the file finds duplicates). */
  eventId: ColumnIndex.nullable().default(null),
  /** The contact's key (externalId); unknown contacts are created. */
  contact: ColumnIndex,
  type: z.union([z.object({ column: ColumnIndex }), z.object({ value: Key })]),
  occurredAt: ColumnIndex,
  columns: z.array(PropertyTarget).max(10_000),
});
export type ActivitiesMapping = z.infer<typeof ActivitiesMapping>;

export const ImportMapping = z.discriminatedUnion("kind", [ContactsMapping, ActivitiesMapping]);
export type ImportMapping = z.infer<typeof ImportMapping>;

/** One reason a row cannot be imported. `column` is the header text; `field` the target. */
export interface RowIssue {
  column: string | null;
  field: string | null;
  message: string;
}

export type RowResult<T> = { ok: true; item: T } | { ok: false; issues: RowIssue[] };

export interface ContactItem {
  externalId: string;
  email?: string;
  createdAt?: string;
  fields?: Record<string, string | number | boolean>;
}

export interface EventItem {
  eventId: string;
  contactId: string;
  type: string;
  occurredAt: string;
  properties?: Record<string, string | number | boolean>;
}

/** A registry field as conversion needs it. */
export interface FieldDef {
  type: ImportFieldType;
  options: readonly string[] | null;
}

interface ColumnPlan {
  index: number;
  header: string;
  key: string;
  type: ImportFieldType;
  options: readonly string[] | null;
}

export interface ContactsPlan {
  kind: "contacts";
  headers: readonly string[];
  key: number;
  email: number | null;
  createdAt: number | null;
  fields: ColumnPlan[];
}

export interface ActivitiesPlan {
  kind: "activities";
  headers: readonly string[];
  eventId: number | null;
  contact: number;
  type: { column: number } | { value: string };
  occurredAt: number;
  properties: ColumnPlan[];
}

export type ImportPlan = ContactsPlan | ActivitiesPlan;

export class MappingError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  }
}

/**
 * Checks a mapping against the file's header and the registry, and resolves every column to a key
 * and a type. `fields` must already contain any new fields (or `planImport` reports them missing).
 */
export function planImport(
  mapping: ContactsMapping,
  headers: readonly string[],
  fields: ReadonlyMap<string, FieldDef>,
): ContactsPlan;
export function planImport(
  mapping: ActivitiesMapping,
  headers: readonly string[],
  fields: ReadonlyMap<string, FieldDef>,
): ActivitiesPlan;
export function planImport(
  mapping: ImportMapping,
  headers: readonly string[],
  fields: ReadonlyMap<string, FieldDef>,
): ImportPlan;
export function planImport(
  mapping: ImportMapping,
  headers: readonly string[],
  fields: ReadonlyMap<string, FieldDef>,
): ImportPlan {
  const issues: { path: string; message: string }[] = [];
  const inRange = (index: number | null, path: string) => {
    if (index !== null && index >= headers.length) {
      issues.push({ path, message: `column ${index + 1} does not exist (the file has ${headers.length})` });
    }
  };
  if (mapping.columns.length > headers.length) {
    issues.push({ path: "columns", message: `the file has ${headers.length} columns` });
  }
  const seen = new Map<string, number>();
  const claim = (key: string, index: number, path: string) => {
    const other = seen.get(key);
    if (other !== undefined) {
      issues.push({
        path,
        message: `"${key}" is already the target of column "${headers[other] ?? other + 1}"`,
      });
    }
    seen.set(key, index);
  };

  if (mapping.kind === "contacts") {
    inRange(mapping.key, "key");
    inRange(mapping.email, "email");
    inRange(mapping.createdAt, "createdAt");
    const special = new Set([mapping.key, mapping.email, mapping.createdAt]);
    const planned: ColumnPlan[] = [];
    mapping.columns.forEach((target, index) => {
      if (target.kind === "skip" || special.has(index)) return;
      const path = `columns[${index}]`;
      if (RESERVED_FIELD_KEYS.has(target.key)) {
        issues.push({ path, message: `choose "${target.key}" as the ${target.key === "email" ? "email" : "created at"} column instead` });
        return;
      }
      const def = fields.get(target.key);
      if (!def) {
        issues.push({ path, message: `no field "${target.key}" in the registry` });
        return;
      }
      claim(target.key, index, path);
      planned.push({
        index,
        header: headers[index] ?? "",
        key: target.key,
        type: def.type,
        options: def.options,
      });
    });
    if (issues.length > 0) throw new MappingError(issues);
    return {
      kind: "contacts",
      headers,
      key: mapping.key,
      email: mapping.email,
      createdAt: mapping.createdAt,
      fields: planned,
    };
  }

  inRange(mapping.eventId, "eventId");
  inRange(mapping.contact, "contact");
  inRange(mapping.occurredAt, "occurredAt");
  if ("column" in mapping.type) inRange(mapping.type.column, "type");
  const special = new Set<number | null>([
    mapping.eventId,
    mapping.contact,
    mapping.occurredAt,
    "column" in mapping.type ? mapping.type.column : null,
  ]);
  const planned: ColumnPlan[] = [];
  mapping.columns.forEach((target, index) => {
    if (target.kind === "skip" || special.has(index)) return;
    claim(target.key, index, `columns[${index}]`);
    planned.push({
      index,
      header: headers[index] ?? "",
      key: target.key,
      type: target.type,
      options: null,
    });
  });
  if (issues.length > 0) throw new MappingError(issues);
  return {
    kind: "activities",
    headers,
    eventId: mapping.eventId,
    contact: mapping.contact,
    type: mapping.type,
    occurredAt: mapping.occurredAt,
    properties: planned,
  };
}

/** The new fields a contacts mapping asks for (created before the import runs). */
export function newFieldsOf(mapping: ImportMapping) {
  if (mapping.kind !== "contacts") return [];
  const special = new Set([mapping.key, mapping.email, mapping.createdAt]);
  return mapping.columns.flatMap((t, index) =>
    t.kind === "new" && !special.has(index) ? [t] : [],
  );
}

// ---------------------------------------------------------------------------------------------
// Cells

export type CellValue = { ok: true; value: string | number | boolean } | { ok: false; message: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE = new Set(["true", "yes", "y", "1", "t"]);
const FALSE = new Set(["false", "no", "n", "0", "f"]);
const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,6})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant from a CSV cell: ISO 8601 (`2026-01-31T09:30:00Z`, with an offset), a date alone
 * (midnight UTC) or a date and time without an offset (read as UTC). Null when it is none of these.
 */
export function parseInstant(text: string): string | null {
  const s = text.trim();
  let iso: string | null = null;
  const dateOnly = DATE_ONLY.exec(s);
  if (dateOnly) iso = `${dateOnly[1]}T00:00:00Z`;
  const dateTime = DATE_TIME.exec(s);
  if (dateTime) {
    const offset = (dateTime[4] ?? "Z").toUpperCase();
    const normalOffset = offset === "Z" ? "Z" : offset.replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
    iso = `${dateTime[1]}T${dateTime[2]}${dateTime[3] ?? ":00"}${normalOffset}`;
  }
  if (!iso) return null;
  const ms = parseIsoInstant(iso);
  return ms === null ? null : new Date(ms).toISOString();
}

/** Converts a non-empty cell to a value of the field's type, or says why it cannot. */
export function convertCell(
  text: string,
  type: ImportFieldType,
  options: readonly string[] | null,
): CellValue {
  const s = text.trim();
  switch (type) {
    case "text":
      return s.length > 10_000
        ? { ok: false, message: "longer than 10,000 characters" }
        : { ok: true, value: s };
    case "number": {
      const n = NUMBER.test(s) ? Number(s) : NaN;
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, message: `${quote(s)} is not a number` };
    }
    case "boolean": {
      const lower = s.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, message: `${quote(s)} is not true or false (use true/false, yes/no or 1/0)` };
    }
    case "date": {
      const iso = parseInstant(s);
      return iso
        ? { ok: true, value: iso }
        : { ok: false, message: `${quote(s)} is not a date (use 2026-01-31 or 2026-01-31T09:30:00Z)` };
    }
    case "enum": {
      if (!options || options.length === 0) return { ok: true, value: s };
      const match = options.find((o) => o === s) ?? options.find((o) => o.toLowerCase() === s.toLowerCase());
      return match !== undefined
        ? { ok: true, value: match }
        : {
            ok: false,
            message: `${quote(s)} is not one of the options (${options.slice(0, 10).join(", ")}${options.length > 10 ? ", …" : ""})`,
          };
    }
  }
}

function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

const cell = (row: readonly string[], index: number) => (row[index] ?? "").trim();

function readFields(
  row: readonly string[],
  plans: readonly ColumnPlan[],
  issues: RowIssue[],
): Record<string, string | number | boolean> | undefined {
  const values: Record<string, string | number | boolean> = {};
  let any = false;
  for (const plan of plans) {
    const text = cell(row, plan.index);
    if (text === "") continue; // empty: not set (an import never erases a stored value)
    const converted = convertCell(text, plan.type, plan.options);
    if (converted.ok) {
      values[plan.key] = converted.value;
      any = true;
    } else {
      issues.push({ column: plan.header, field: plan.key, message: converted.message });
    }
  }
  return any ? values : undefined;
}

export function contactFromRow(row: readonly string[], plan: ContactsPlan): RowResult<ContactItem> {
  const issues: RowIssue[] = [];
  const header = (i: number) => plan.headers[i] ?? `column ${i + 1}`;
  const externalId = cell(row, plan.key);
  if (externalId === "") {
    issues.push({ column: header(plan.key), field: "externalId", message: "the key is empty" });
  } else if (externalId.length > 256) {
    issues.push({ column: header(plan.key), field: "externalId", message: "the key is longer than 256 characters" });
  }
  const item: ContactItem = { externalId };
  if (plan.email !== null) {
    const email = cell(row, plan.email);
    if (email.length > 320) {
      issues.push({ column: header(plan.email), field: "email", message: "longer than 320 characters" });
    } else if (email !== "") item.email = email;
  }
  if (plan.createdAt !== null) {
    const text = cell(row, plan.createdAt);
    if (text !== "") {
      const iso = parseInstant(text);
      if (iso) item.createdAt = iso;
      else {
        issues.push({
          column: header(plan.createdAt),
          field: "createdAt",
          message: `${quote(text)} is not a date (use 2026-01-31 or 2026-01-31T09:30:00Z)`,
        });
      }
    }
  }
  const fields = readFields(row, plan.fields, issues);
  if (fields) item.fields = fields;
  return issues.length > 0 ? { ok: false, issues } : { ok: true, item };
}

/** A stable event id from the row's cells: the same row imported twice is a duplicate. */
export function contentEventId(row: readonly string[]): string {
  const hash = createHash("sha256").update(JSON.stringify(row.map((c) => c.trim()))).digest("hex");
  return `csv_${hash.slice(0, 40)}`;
}

export function eventFromRow(row: readonly string[], plan: ActivitiesPlan): RowResult<EventItem> {
  const issues: RowIssue[] = [];
  const header = (i: number) => plan.headers[i] ?? `column ${i + 1}`;
  const required = (index: number, field: string, what: string, max = 256) => {
    const text = cell(row, index);
    if (text === "") issues.push({ column: header(index), field, message: `the ${what} is empty` });
    else if (text.length > max) {
      issues.push({ column: header(index), field, message: `the ${what} is longer than ${max} characters` });
    }
    return text;
  };
  const eventId = plan.eventId === null ? contentEventId(row) : required(plan.eventId, "eventId", "event id");
  const contactId = required(plan.contact, "contactId", "contact key");
  let type: string;
  if ("value" in plan.type) type = plan.type.value;
  else {
    type = required(plan.type.column, "type", "activity type", 64);
    if (type !== "" && !KEY_PATTERN.test(type)) {
      issues.push({
        column: header(plan.type.column),
        field: "type",
        message: `${quote(type)} is not an activity type key (lowercase letters, digits and _, starting with a letter)`,
      });
    }
  }
  const occurredText = required(plan.occurredAt, "occurredAt", "date");
  const occurredAt = occurredText === "" ? null : parseInstant(occurredText);
  if (occurredText !== "" && !occurredAt) {
    issues.push({
      column: header(plan.occurredAt),
      field: "occurredAt",
      message: `${quote(occurredText)} is not a date (use 2026-01-31 or 2026-01-31T09:30:00Z)`,
    });
  }
  const properties = readFields(row, plan.properties, issues);
  if (issues.length > 0 || !occurredAt) return { ok: false, issues };
  const item: EventItem = { eventId, contactId, type, occurredAt };
  if (properties) item.properties = properties;
  return { ok: true, item };
}

/** Which CSV column an ingest issue path (`fields.seats`, `occurredAt`) is about. */
export function columnOfIssue(plan: ImportPlan, field: string): string | null {
  const h = (i: number | null) => (i === null ? null : (plan.headers[i] ?? null));
  if (plan.kind === "contacts") {
    if (field === "externalId") return h(plan.key);
    if (field === "email") return h(plan.email);
    if (field === "createdAt") return h(plan.createdAt);
    const key = field.startsWith("fields.") ? field.slice(7) : null;
    return plan.fields.find((f) => f.key === key)?.header ?? null;
  }
  if (field === "eventId") return h(plan.eventId);
  if (field === "contactId") return h(plan.contact);
  if (field === "type") return "column" in plan.type ? h(plan.type.column) : null;
  if (field === "occurredAt") return h(plan.occurredAt);
  const key = field.startsWith("properties.") ? field.slice(11) : null;
  return plan.properties.find((p) => p.key === key)?.header ?? null;
}
