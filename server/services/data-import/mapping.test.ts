import { describe, expect, it } from "vitest";
import {
  columnOfIssue,
  contactFromRow,
  contentEventId,
  convertCell,
  eventFromRow,
  MappingError,
  parseInstant,
  planImport,
  type FieldDef,
} from "./mapping";

const registry = new Map<string, FieldDef>([
  ["country", { type: "text", options: null }],
  ["seats", { type: "number", options: null }],
  ["plan", { type: "enum", options: ["free", "pro"] }],
  ["vip", { type: "boolean", options: null }],
  ["renewal", { type: "date", options: null }],
]);

describe("parseInstant", () => {
  it.each([
    ["2026-01-31", "2026-01-31T00:00:00.000Z"],
    ["2026-01-31T09:30:00Z", "2026-01-31T09:30:00.000Z"],
    ["2026-01-31 09:30", "2026-01-31T09:30:00.000Z"],
    ["2026-01-31T09:30:00+02:00", "2026-01-31T07:30:00.000Z"],
    ["2026-01-31T09:30:00.123-0100", "2026-01-31T10:30:00.123Z"],
  ])("reads %j", (text, iso) => expect(parseInstant(text)).toBe(iso));

  it.each(["31/01/2026", "2026-02-30", "yesterday", "", "2026-01-31T25:00:00Z"])(
    "refuses %j",
    (text) => expect(parseInstant(text)).toBeNull(),
  );
});

describe("convertCell", () => {
  it("converts by type", () => {
    expect(convertCell(" 12.5 ", "number", null)).toEqual({ ok: true, value: 12.5 });
    expect(convertCell("Yes", "boolean", null)).toEqual({ ok: true, value: true });
    expect(convertCell("0", "boolean", null)).toEqual({ ok: true, value: false });
    expect(convertCell("PRO", "enum", ["free", "pro"])).toEqual({ ok: true, value: "pro" });
    expect(convertCell("anything", "enum", null)).toEqual({ ok: true, value: "anything" });
  });

  it("says why a value does not fit", () => {
    expect(convertCell("12 seats", "number", null)).toEqual({
      ok: false,
      message: '"12 seats" is not a number',
    });
    expect(convertCell("1,234", "number", null).ok).toBe(false);
    expect(convertCell("maybe", "boolean", null).ok).toBe(false);
    expect(convertCell("gold", "enum", ["free", "pro"])).toEqual({
      ok: false,
      message: '"gold" is not one of the options (free, pro)',
    });
  });
});

describe("contacts", () => {
  const headers = ["id", "Email", "Signed up", "Country", "Seats", "Notes"];
  const plan = planImport(
    {
      kind: "contacts",
      key: 0,
      email: 1,
      createdAt: 2,
      columns: [
        { kind: "skip" },
        { kind: "skip" },
        { kind: "skip" },
        { kind: "field", key: "country" },
        { kind: "field", key: "seats" },
        { kind: "skip" },
      ],
    },
    headers,
    registry,
  );

  it("maps a row to the ingest item, leaving empty cells unset", () => {
    expect(contactFromRow(["c1", "a@x.io", "2025-03-01", "FR", "", "n"], plan)).toEqual({
      ok: true,
      item: {
        externalId: "c1",
        email: "a@x.io",
        createdAt: "2025-03-01T00:00:00.000Z",
        fields: { country: "FR" },
      },
    });
  });

  it("names the column, field and reason of every bad cell", () => {
    expect(contactFromRow(["", "", "soon", "FR", "many"], plan)).toEqual({
      ok: false,
      issues: [
        { column: "id", field: "externalId", message: "the key is empty" },
        {
          column: "Signed up",
          field: "createdAt",
          message: '"soon" is not a date (use 2026-01-31 or 2026-01-31T09:30:00Z)',
        },
        { column: "Seats", field: "seats", message: '"many" is not a number' },
      ],
    });
  });

  it("maps ingest issue paths back to columns", () => {
    expect(columnOfIssue(plan, "fields.seats")).toBe("Seats");
    expect(columnOfIssue(plan, "externalId")).toBe("id");
    expect(columnOfIssue(plan, "(item)")).toBeNull();
  });

  it("refuses unknown fields, reserved keys, two columns on one field and missing columns", () => {
    const attempt = () =>
      planImport(
        {
          kind: "contacts",
          key: 9,
          email: null,
          createdAt: null,
          columns: [
            { kind: "skip" },
            { kind: "field", key: "email" },
            { kind: "field", key: "nope" },
            { kind: "field", key: "country" },
            { kind: "field", key: "country" },
          ],
        },
        headers,
        registry,
      );
    expect(attempt).toThrow(MappingError);
    try {
      attempt();
    } catch (error) {
      expect((error as MappingError).issues.map((i) => i.path)).toEqual([
        "key",
        "columns[1]",
        "columns[2]",
        "columns[4]",
      ]);
    }
  });
});

describe("activities", () => {
  const headers = ["user", "what", "when", "url", "amount"];
  const plan = planImport(
    {
      kind: "activities",
      eventId: null,
      contact: 0,
      type: { column: 1 },
      occurredAt: 2,
      columns: [
        { kind: "skip" },
        { kind: "skip" },
        { kind: "skip" },
        { kind: "property", key: "url", type: "text" },
        { kind: "property", key: "amount", type: "number" },
      ],
    },
    headers,
    registry,
  );

  it("builds an event with a stable content-derived id", () => {
    const row = ["c1", "page_viewed", "2026-01-02 10:00", "/pricing", "3"];
    const result = eventFromRow(row, plan);
    expect(result).toEqual({
      ok: true,
      item: {
        eventId: contentEventId(row),
        contactId: "c1",
        type: "page_viewed",
        occurredAt: "2026-01-02T10:00:00.000Z",
        properties: { url: "/pricing", amount: 3 },
      },
    });
    expect(contentEventId(row)).toBe(contentEventId([...row]));
    expect(contentEventId(row)).not.toBe(contentEventId(["c2", ...row.slice(1)]));
  });

  it("refuses rows without a contact, with a bad type or date", () => {
    const result = eventFromRow(["", "Page Viewed", "never", "/x", "1"], plan);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => [i.column, i.field])).toEqual([
        ["user", "contactId"],
        ["what", "type"],
        ["when", "occurredAt"],
      ]);
    }
  });

  it("uses a fixed type when given", () => {
    const fixed = planImport(
      { kind: "activities", eventId: null, contact: 0, type: { value: "purchase" }, occurredAt: 2, columns: [] },
      headers,
      registry,
    );
    const result = eventFromRow(["c1", "x", "2026-01-02"], fixed);
    expect(result.ok && result.item.type).toBe("purchase");
  });
});
