import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_ACTIVITY_TYPES,
  DEMO_DATA_DIR,
  DEMO_FIELDS,
  loadDemoData,
  placeDemoData,
  type DemoData,
} from "../demo-data";

const DAY_MS = 86_400_000;

describe("demo data files", () => {
  let data: DemoData;
  beforeAll(async () => {
    data = await loadDemoData();
  });

  it("stays small and ships its licence", () => {
    let total = 0;
    for (const file of ["contacts.csv.gz", "activities.csv.gz", "README.md"]) {
      total += readFileSync(path.join(DEMO_DATA_DIR, file)).length;
    }
    expect(total).toBeLessThan(5 * 1024 * 1024);
    const readme = readFileSync(path.join(DEMO_DATA_DIR, "README.md"), "utf8");
    expect(readme).toContain("CC BY 4.0");
    expect(readme).toContain("10.1038/sdata.2017.171");
  });

  it("reads the same rows as a full CSV parser", () => {
    const text = gunzipSync(readFileSync(path.join(DEMO_DATA_DIR, "contacts.csv.gz"))).toString(
      "utf8",
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(data.contacts.map((c) => c.externalId)).toEqual(rows.map((r) => r.external_id));
    const first = rows[0];
    expect(data.contacts[0]?.fields.region).toBe(first?.region);
  });

  it("has unique ids and activities of known contacts", () => {
    const ids = new Set(data.contacts.map((c) => c.externalId));
    expect(ids.size).toBe(data.contacts.length);
    expect(new Set(data.activities.map((a) => a.eventId)).size).toBe(data.activities.length);
    expect(data.activities.filter((a) => !ids.has(a.externalId))).toEqual([]);
  });

  it("has field values of the declared types and options", () => {
    const defs = new Map(DEMO_FIELDS.map((f) => [f.key, f]));
    const problems: string[] = [];
    for (const c of data.contacts) {
      if (!/^student\.\d+@example\.edu$/.test(c.email))
        problems.push(`${c.externalId}: email ${c.email}`);
      for (const [key, value] of Object.entries(c.fields)) {
        const def = defs.get(key);
        const ok =
          key === "country"
            ? value === "GB"
            : def?.type === "enum"
              ? def.options?.includes(String(value))
              : def?.type === "number"
                ? typeof value === "number"
                : def?.type === "boolean"
                  ? typeof value === "boolean"
                  : false;
        if (!ok) problems.push(`${c.externalId}: ${key} = ${String(value)}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it("has activity properties of the declared types", () => {
    const defs = new Map(DEMO_ACTIVITY_TYPES.map((t) => [t.key, t.properties]));
    const jsType = { text: "string", number: "number", boolean: "boolean" } as Record<
      string,
      string
    >;
    // Plain checks, one assertion at the end: 100k expect() calls would take seconds.
    const problems: string[] = [];
    for (const a of data.activities) {
      const props = defs.get(a.type);
      if (!props) problems.push(`${a.eventId}: unknown type ${a.type}`);
      for (const [key, value] of Object.entries(a.properties)) {
        const type = props?.[key];
        if (!type || typeof value !== jsType[type])
          problems.push(`${a.eventId}: ${key} = ${String(value)}`);
      }
      if (!(a.minute >= 0 && a.minute < 1440)) problems.push(`${a.eventId}: minute ${a.minute}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it("places the latest day within the day before now, contacts before their first activity", () => {
    const now = new Date("2030-01-01T08:00:00Z");
    const placed = placeDemoData(data, now);
    let latest = -Infinity;
    const first = new Map<string, number>();
    for (const a of placed.activities) {
      const t = a.occurredAt.getTime();
      latest = Math.max(latest, t);
      first.set(a.externalId, Math.min(first.get(a.externalId) ?? Infinity, t));
    }
    expect(latest).toBeLessThanOrEqual(now.getTime());
    expect(latest).toBeGreaterThan(now.getTime() - DAY_MS);
    const createdAfterFirstEvent = placed.contacts.filter(
      (c) => c.createdAt.getTime() > (first.get(c.externalId) ?? Infinity),
    );
    expect(createdAfterFirstEvent).toEqual([]);
    // Placement is a pure shift: one day later, everything moves by exactly one day.
    const later = placeDemoData(data, new Date(now.getTime() + DAY_MS));
    expect(
      later.activities[100]!.occurredAt.getTime() - placed.activities[100]!.occurredAt.getTime(),
    ).toBe(DAY_MS);
    expect(later.activities[100]!.eventId).toBe(placed.activities[100]!.eventId);
  });
});
