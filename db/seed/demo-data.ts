/**
 * The demo data set shipped in `db/seed/demo/` (a CC BY 4.0 sample of OULAD, see its README):
 * its field and activity registries, a loader for the files (days still relative to the
 * presentation) and `placeDemoData`, which puts the timeline in front of a given instant.
 */
import { BUILTIN_FIELDS as BUILTIN } from "../builtin-fields";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import type { PropertyType } from "../schema/activities";

export const DEMO_DATA_DIR = path.join(process.cwd(), "db", "seed", "demo");

export type DemoFieldType = "text" | "number" | "boolean" | "date" | "enum";

export interface DemoField {
  key: string;
  label: string;
  type: DemoFieldType;
  options?: string[];
}

/** Built-in fields every workspace has (SPEC §2). `email` and `created_at` are contact columns. */
/** Re-exported so the seed keeps one list of built-ins with the rest of the app. */
export const BUILTIN_FIELDS: readonly DemoField[] = BUILTIN;

export const DEMO_MODULES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"] as const;

/** The demo's own contact fields (from OULAD studentInfo), in registry order. */
export const DEMO_FIELDS: readonly DemoField[] = [
  { key: "module", label: "Course module", type: "enum", options: [...DEMO_MODULES] },
  { key: "gender", label: "Gender", type: "enum", options: ["F", "M"] },
  {
    key: "region",
    label: "Region",
    type: "enum",
    options: [
      "East Anglian Region",
      "East Midlands Region",
      "Ireland",
      "London Region",
      "North Region",
      "North Western Region",
      "Scotland",
      "South East Region",
      "South Region",
      "South West Region",
      "Wales",
      "West Midlands Region",
      "Yorkshire Region",
    ],
  },
  {
    key: "highest_education",
    label: "Highest education",
    type: "enum",
    options: [
      "No Formal quals",
      "Lower Than A Level",
      "A Level or Equivalent",
      "HE Qualification",
      "Post Graduate Qualification",
    ],
  },
  {
    key: "imd_band",
    label: "Deprivation band (IMD)",
    type: "enum",
    options: [
      "0-10%",
      "10-20%",
      "20-30%",
      "30-40%",
      "40-50%",
      "50-60%",
      "60-70%",
      "70-80%",
      "80-90%",
      "90-100%",
    ],
  },
  { key: "age_band", label: "Age band", type: "enum", options: ["0-35", "35-55", "55<="] },
  { key: "num_of_prev_attempts", label: "Previous attempts", type: "number" },
  { key: "studied_credits", label: "Studied credits", type: "number" },
  { key: "disability", label: "Declared disability", type: "boolean" },
  {
    key: "outcome",
    label: "Course outcome",
    type: "enum",
    options: ["Distinction", "Pass", "Fail", "Withdrawn"],
  },
];

export const DEMO_ACTIVITY_TYPE_KEYS = [
  "logged_in",
  "page_viewed",
  "assessment_submitted",
  "course_withdrawn",
] as const;
export type DemoActivityType = (typeof DEMO_ACTIVITY_TYPE_KEYS)[number];

export interface DemoActivityTypeDef {
  key: DemoActivityType;
  label: string;
  properties: Record<string, PropertyType>;
}

export const DEMO_ACTIVITY_TYPES: readonly DemoActivityTypeDef[] = [
  { key: "logged_in", label: "Logged in", properties: { clicks: "number" } },
  {
    key: "page_viewed",
    label: "Viewed course page",
    properties: { url: "text", section: "text", clicks: "number" },
  },
  {
    key: "assessment_submitted",
    label: "Submitted assessment",
    properties: { score: "number", type: "text", assessment_id: "number", late: "boolean" },
  },
  { key: "course_withdrawn", label: "Withdrew from course", properties: { module: "text" } },
];

export type DemoValue = string | number | boolean;

/** A contact as shipped: `createdDay` is a presentation day, `createdMinute` the minute of that day. */
export interface DemoContact {
  externalId: string;
  email: string;
  createdDay: number;
  createdMinute: number;
  fields: Record<string, DemoValue>;
}

/** An activity as shipped: `day` is a presentation day, `minute` the minute of that day (0–1439). */
export interface DemoActivity {
  /** Deterministic idempotency key, independent of when the data is placed. */
  eventId: string;
  externalId: string;
  type: DemoActivityType;
  day: number;
  minute: number;
  properties: Record<string, DemoValue>;
}

export interface DemoData {
  contacts: DemoContact[];
  activities: DemoActivity[];
}

export interface PlacedDemoContact {
  externalId: string;
  email: string;
  createdAt: Date;
  fields: Record<string, unknown>;
}

export interface PlacedDemoActivity {
  eventId: string;
  externalId: string;
  type: DemoActivityType;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

export interface PlacedDemoData {
  contacts: PlacedDemoContact[];
  activities: PlacedDemoActivity[];
}

type Row = Record<string, string>;

async function readCsvGz(file: string): Promise<Row[]> {
  const text = gunzipSync(await readFile(file)).toString("utf8");
  // The shipped files quote nothing (no cell holds a comma or quote): split them directly, which
  // is several times faster than a full CSV parser. Anything quoted goes through csv-parse.
  if (text.includes('"')) return parse(text, { columns: true, skip_empty_lines: true }) as Row[];
  const lines = text.split("\n");
  const header = (lines[0] ?? "").split(",");
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const cells = line.split(",");
    if (cells.length !== header.length)
      throw new Error(`demo data: ${file} line ${i + 1} has ${cells.length} cells`);
    const row: Row = {};
    for (let j = 0; j < header.length; j++) row[header[j] as string] = cells[j] as string;
    rows.push(row);
  }
  return rows;
}

function col(row: Row, key: string): string {
  const value = row[key];
  if (value === undefined) throw new Error(`demo data: missing column ${key}`);
  return value;
}

function intCol(row: Row, key: string): number {
  const raw = col(row, key);
  const n = Number(raw);
  if (raw === "" || !Number.isInteger(n))
    throw new Error(`demo data: ${key} is not an integer: "${raw}"`);
  return n;
}

function isActivityType(value: string): value is DemoActivityType {
  return (DEMO_ACTIVITY_TYPE_KEYS as readonly string[]).includes(value);
}

function contactFrom(row: Row): DemoContact {
  const fields: Record<string, DemoValue> = { country: "GB" };
  for (const field of DEMO_FIELDS) {
    const raw = col(row, field.key);
    if (raw === "") continue; // missing value: the key is absent
    switch (field.type) {
      case "number":
        fields[field.key] = intCol(row, field.key);
        break;
      case "boolean":
        if (raw !== "true" && raw !== "false")
          throw new Error(`demo data: ${field.key} = "${raw}"`);
        fields[field.key] = raw === "true";
        break;
      case "enum":
        if (!field.options?.includes(raw))
          throw new Error(`demo data: ${field.key} = "${raw}" is not an option`);
        fields[field.key] = raw;
        break;
      default:
        fields[field.key] = raw;
    }
  }
  return {
    externalId: col(row, "external_id"),
    email: col(row, "email"),
    createdDay: intCol(row, "created_day"),
    createdMinute: intCol(row, "created_minute"),
    fields,
  };
}

function activityFrom(row: Row): DemoActivity {
  const type = col(row, "type");
  if (!isActivityType(type)) throw new Error(`demo data: unknown activity type "${type}"`);
  const externalId = col(row, "external_id");
  const day = intCol(row, "day");
  const base = { externalId, type, day, minute: intCol(row, "minute") };
  switch (type) {
    case "logged_in":
      return {
        ...base,
        eventId: `${externalId}-d${day}-login`,
        properties: { clicks: intCol(row, "clicks") },
      };
    case "page_viewed": {
      const section = col(row, "section");
      return {
        ...base,
        eventId: `${externalId}-d${day}-view-${section}`,
        properties: {
          url: `/learn/${col(row, "module")}/${section}/${col(row, "site")}`,
          section,
          clicks: intCol(row, "clicks"),
        },
      };
    }
    case "assessment_submitted": {
      const assessment = intCol(row, "assessment");
      const properties: Record<string, DemoValue> = {
        type: col(row, "assessment_type"),
        assessment_id: assessment,
      };
      if (col(row, "score") !== "") properties.score = Number(col(row, "score"));
      const late = col(row, "late");
      if (late !== "") properties.late = late === "true";
      return { ...base, eventId: `${externalId}-submit-${assessment}`, properties };
    }
    case "course_withdrawn":
      return {
        ...base,
        eventId: `${externalId}-withdrawn`,
        properties: { module: col(row, "module") },
      };
  }
}

/** Reads the shipped sample (days still relative to the presentation start). */
export async function loadDemoData(dir: string = DEMO_DATA_DIR): Promise<DemoData> {
  const [contactRows, activityRows] = await Promise.all([
    readCsvGz(path.join(dir, "contacts.csv.gz")),
    readCsvGz(path.join(dir, "activities.csv.gz")),
  ]);
  return { contacts: contactRows.map(contactFrom), activities: activityRows.map(activityFrom) };
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The UTC midnight at which the data's latest day is placed: today's, unless some of the latest
 * day's items would then lie after `now`, in which case yesterday's. So every placed instant is
 * ≤ `now`, and the latest one is less than a day before it.
 */
export function demoAnchor(data: DemoData, now: Date): { latestDay: number; anchorMs: number } {
  let latestDay = -Infinity;
  let latestMinute = 0;
  const see = (day: number, minute: number) => {
    if (day > latestDay) {
      latestDay = day;
      latestMinute = minute;
    } else if (day === latestDay && minute > latestMinute) latestMinute = minute;
  };
  for (const a of data.activities) see(a.day, a.minute);
  for (const c of data.contacts) see(c.createdDay, c.createdMinute);
  if (latestDay === -Infinity) latestDay = 0;
  const nowMs = now.getTime();
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const anchorMs = today + latestMinute * MINUTE_MS <= nowMs ? today : today - DAY_MS;
  return { latestDay, anchorMs };
}

/** Converts relative days to instants so that the latest day of the data is today (or yesterday). */
export function placeDemoData(data: DemoData, now: Date): PlacedDemoData {
  const { latestDay, anchorMs } = demoAnchor(data, now);
  const at = (day: number, minute: number) =>
    new Date(anchorMs - (latestDay - day) * DAY_MS + minute * MINUTE_MS);
  return {
    contacts: data.contacts.map((c) => ({
      externalId: c.externalId,
      email: c.email,
      createdAt: at(c.createdDay, c.createdMinute),
      fields: c.fields,
    })),
    activities: data.activities.map((a) => ({
      eventId: a.eventId,
      externalId: a.externalId,
      type: a.type,
      occurredAt: at(a.day, a.minute),
      properties: a.properties,
    })),
  };
}
