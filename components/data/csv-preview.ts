/**
 * Client-side helpers for the import flow: a preview of the first rows (only the first 64 KB of the
 * file is read), type and column guesses, and keys from headers. Pure except `readPreview`.
 */
import { parse } from "csv-parse/browser/esm/sync";

export type FieldType = "text" | "number" | "boolean" | "date" | "enum";
export const FIELD_TYPES: readonly FieldType[] = ["text", "number", "boolean", "date", "enum"];
export const FIELD_TYPE_LABEL: Record<FieldType, string> = {
  text: "Text",
  number: "Number",
  boolean: "Yes / no",
  date: "Date",
  enum: "Choice (enum)",
};

export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 5;

export interface Preview {
  columns: string[];
  rows: string[][];
  /** Data rows seen in the preview (all rows of small files). */
  sampled: string[][];
}

export function sniffDelimiter(firstLine: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
  }
  let best: "," | ";" | "\t" = ",";
  for (const d of [";", "\t"] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/** Parses the text of the file's first bytes; a last line cut by the 64 KB boundary is dropped. */
export function previewFromText(text: string, complete: boolean): Preview {
  let body = text.replace(/^\uFEFF/, "");
  if (!complete) {
    const cut = body.lastIndexOf("\n");
    body = cut >= 0 ? body.slice(0, cut + 1) : body;
  }
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const records = parse(body, {
    delimiter: sniffDelimiter(firstLine),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  }) as string[][];
  const [header = [], ...data] = records;
  const columns = header.map((c) => c.trim());
  return { columns, rows: data.slice(0, PREVIEW_ROWS), sampled: data };
}

/** How the server reads the file too: UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
export type TextEncodingName = "utf-8" | "windows-1252";

/**
 * The preview's text: UTF-8 unless the bytes are not valid UTF-8 (a sequence cut at the end of the
 * slice is not an error), then Windows-1252, so accents of Latin-1 files show instead of U+FFFD.
 */
export function decodePreview(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true }), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

export async function readPreview(file: File): Promise<Preview> {
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  return previewFromText(decodePreview(bytes).text, file.size <= PREVIEW_BYTES);
}

/** `First name` → `first_name`: a registry key (lowercase, digits, _; starts with a letter). */
export function keyFromHeader(header: string): string {
  const base = header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
  if (!base) return "column";
  return /^[a-z]/.test(base) ? base : `f_${base}`.slice(0, 64);
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false|yes|no|y|n|t|f)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The type the sample values suggest (text when in doubt; enum is never guessed). */
export function inferType(values: readonly string[]): Exclude<FieldType, "enum"> {
  const present = values.map((v) => v.trim()).filter((v) => v !== "");
  if (present.length === 0) return "text";
  if (present.every((v) => BOOLEAN.test(v) || v === "0" || v === "1")) {
    if (present.some((v) => BOOLEAN.test(v))) return "boolean";
  }
  if (present.every((v) => NUMBER.test(v))) return "number";
  if (present.every((v) => DATE.test(v))) return "date";
  return "text";
}

/** The first column whose header matches, or null. */
export function guessColumn(columns: readonly string[], pattern: RegExp, except: (number | null)[] = []): number | null {
  const index = columns.findIndex((c, i) => !except.includes(i) && pattern.test(c.trim()));
  return index >= 0 ? index : null;
}

export const GUESS = {
  key: /^(id|key|external[ _-]?id|contact[ _-]?id|customer[ _-]?id|user[ _-]?id)$/i,
  email: /^e-?mail( address)?$/i,
  createdAt: /^(created[ _-]?at|created|signed[ _-]?up([ _-]?at)?|signup[ _-]?date|joined)$/i,
  eventId: /^(event[ _-]?id|id)$/i,
  contact: /^(contact|contact[ _-]?id|user|user[ _-]?id|customer|customer[ _-]?id|external[ _-]?id|email)$/i,
  type: /^(type|event|event[ _-]?type|activity|action)$/i,
  occurredAt: /^(occurred[ _-]?at|timestamp|time|date|when|created[ _-]?at)$/i,
};

export type GuessedRole = "key" | "email" | "createdAt" | "eventId" | "type" | "occurredAt" | "contact";

/**
 * The columns whose headers name a role. Only headers that say so are taken: a contacts file
 * without an id-like column gets no key (the user must choose one; using the email, or the first
 * column, as the key without asking would match contacts on something they did not pick).
 */
export function guessRoles(
  kind: "contacts" | "activities",
  columns: readonly string[],
): Partial<Record<GuessedRole, number | null>> {
  const roles: Partial<Record<GuessedRole, number | null>> = {};
  const taken: (number | null)[] = [];
  const pick = (role: GuessedRole) => {
    roles[role] = guessColumn(columns, GUESS[role], taken);
    taken.push(roles[role] ?? null);
  };
  const order: GuessedRole[] =
    kind === "contacts" ? ["key", "email", "createdAt"] : ["eventId", "type", "occurredAt", "contact"];
  order.forEach(pick);
  return roles;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
