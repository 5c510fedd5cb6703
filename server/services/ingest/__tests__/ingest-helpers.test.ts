/** Pure parts of ingestion: key naming, typing, batch preparation and the Segment mapping. */
import { describe, expect, it } from "vitest";
import { prepareContacts, type FieldTypes } from "../contacts";
import { learnActivityTypes, prepareEvents } from "../events";
import { mapSegmentMessages, segmentField, traitsToContact } from "../segment-map";
import { inferType, labelFromKey, nulIssue, toRegistryKey, typeMismatch } from "../shared";

const NOW = new Date("2026-06-01T12:00:00.000Z");

describe("toRegistryKey", () => {
  it("turns names others chose into registry keys", () => {
    expect(toRegistryKey("Order Completed", "event")).toBe("order_completed");
    expect(toRegistryKey("firstName", "t")).toBe("first_name");
    expect(toRegistryKey("HTTPStatusCode", "t")).toBe("http_status_code");
    expect(toRegistryKey("  plan-tier!! ", "t")).toBe("plan_tier");
    expect(toRegistryKey("Café Visité", "t")).toBe("cafe_visite");
    expect(toRegistryKey("404 Page", "event")).toBe("event_404_page");
    expect(toRegistryKey("!!!", "event")).toBe("");
    expect(toRegistryKey("x".repeat(100), "t")).toHaveLength(64);
  });
});

describe("typing", () => {
  it("infers number, boolean and text only", () => {
    expect([1.5, true, "x", null, [1], { a: 1 }].map(inferType)).toEqual([
      "number",
      "boolean",
      "text",
      null,
      null,
      null,
    ]);
  });

  it("explains mismatches against known types; null always fits", () => {
    expect(typeMismatch("number", null, "5")).toBe("expected a number, got text");
    expect(typeMismatch("boolean", null, 1)).toBe("expected true or false, got a number");
    expect(typeMismatch("date", null, "2026-01-01")).toMatch(/ISO instant/);
    expect(typeMismatch("date", null, "2026-01-01T00:00:00Z")).toBeNull();
    expect(typeMismatch("enum", ["free", "pro"], "Pro")).toMatch(/"free", "pro"/);
    expect(typeMismatch("enum", null, "anything")).toBeNull();
    expect(typeMismatch("text", null, null)).toBeNull();
  });

  it("labels keys and finds NUL characters by path", () => {
    expect(labelFromKey("page_viewed")).toBe("Page viewed");
    expect(nulIssue(3, { a: { b: ["ok", "x\u0000"] } })).toEqual({
      index: 3,
      field: "a.b.1",
      message: expect.stringContaining("NUL"),
    });
    expect(nulIssue(0, { a: "fine" })).toBeNull();
  });
});

describe("prepareContacts", () => {
  const registry: FieldTypes = new Map([["seats", { type: "number", options: null }]]);

  it("merges repeated externalIds in order and types new fields from the first value", () => {
    const { prepared, issues } = prepareContacts(
      [
        { externalId: "a", email: "a@x", fields: { seats: 1, color: "red" } },
        { externalId: "a", createdAt: "2026-01-01T00:00:00+01:00", fields: { seats: 2 } },
      ],
      registry,
    );
    expect(issues).toEqual([]);
    expect(prepared.rows).toEqual([
      {
        externalId: "a",
        email: "a@x",
        createdAt: "2025-12-31T23:00:00.000Z",
        fields: { seats: 2, color: "red" },
      },
    ]);
    expect([...prepared.newFields]).toEqual([["color", { type: "text", index: 0 }]]);
  });

  it("reports the item that disagrees with a new field's type, with the reported index", () => {
    const { issues } = prepareContacts(
      [
        { externalId: "a", fields: { color: "red" } },
        { externalId: "b", fields: { color: 1 } },
      ],
      registry,
      (p) => p + 10,
    );
    expect(issues).toEqual([
      { index: 11, field: "fields.color", message: expect.stringContaining("item 10") },
    ]);
  });
});

describe("prepareEvents and learnActivityTypes", () => {
  it("keeps the first of repeated eventIds and counts the rest", () => {
    const e = (eventId: string, type = "x") => ({
      eventId,
      contactId: "c",
      type,
      occurredAt: "2026-01-01T00:00:00Z",
    });
    const { prepared, issues } = prepareEvents([e("1"), e("1", "y"), e("2")]);
    expect(issues).toEqual([]);
    expect(prepared.rows.map((r) => [r.eventId, r.type])).toEqual([
      ["1", "x"],
      ["2", "x"],
    ]);
    expect(prepared.inBatchDuplicates).toBe(1);
  });

  it("learns only new types and new property keys", () => {
    const rows = [
      {
        eventId: "1",
        contactExternalId: "c",
        type: "known",
        occurredAt: "",
        properties: { a: 1, b: "x" },
      },
      {
        eventId: "2",
        contactExternalId: "c",
        type: "fresh",
        occurredAt: "",
        properties: { n: null, o: {} },
      },
      {
        eventId: "3",
        contactExternalId: "c",
        type: "fresh",
        occurredAt: "",
        properties: { n: true },
      },
    ];
    expect(learnActivityTypes(rows, new Map([["known", { a: "text" as const }]]))).toEqual([
      { key: "fresh", label: "Fresh", properties: { n: "boolean" } },
      { key: "known", label: "Known", properties: { b: "text" } },
    ]);
    expect(
      learnActivityTypes(rows.slice(0, 1), new Map([["known", { a: "text", b: "text" }]])),
    ).toEqual([]);
  });
});

describe("Segment mapping", () => {
  it("maps reserved traits to built-in fields and flattens objects", () => {
    expect(
      traitsToContact({
        email: "a@x",
        lastName: "Lovelace",
        createdAt: "not a date",
        id: "ignored",
        address: { city: "Paris", street: "1 rue" },
        company: { name: "Acme", plan: "big" },
        list: [1],
      }),
    ).toEqual({
      email: "a@x",
      createdAt: null,
      fields: {
        last_name: "Lovelace",
        city: "Paris",
        address_street: "1 rue",
        company: "Acme",
        company_plan: "big",
      },
    });
  });

  it("maps messages to items, merges and skips, with indices of the original batch", () => {
    const mapped = mapSegmentMessages(
      [
        { type: "alias", messageId: "a", previousId: "x", userId: "y" },
        { type: "track", messageId: "t1", anonymousId: "an", userId: 42, event: "Paid Invoice" },
        {
          type: "screen",
          messageId: "s1",
          anonymousId: "an",
          name: "Home",
          originalTimestamp: "2026-01-01T00:00:00Z",
        },
      ],
      NOW,
    );
    expect(mapped.skipped).toBe(1);
    expect(mapped.issues).toEqual([]);
    expect(mapped.merges).toEqual([{ anonymous: "anon:an", known: "42" }]);
    expect(mapped.eventIndex).toEqual([1, 2]);
    expect(mapped.eventItems).toEqual([
      {
        eventId: "t1",
        contactId: "42",
        type: "paid_invoice",
        occurredAt: NOW.toISOString(),
        properties: {},
      },
      {
        eventId: "s1",
        contactId: "anon:an",
        type: "screen_viewed",
        occurredAt: "2026-01-01T00:00:00Z",
        properties: { name: "Home" },
      },
    ]);
  });

  it("renames item paths to the Segment names", () => {
    expect(segmentField("fields.plan")).toBe("traits.plan");
    expect(segmentField("eventId")).toBe("messageId");
    expect(segmentField("properties.a")).toBe("properties.a");
  });
});
