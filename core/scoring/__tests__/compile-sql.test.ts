import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { compilePercentileReference, compileScoreQuery } from "../compile-sql";
import { createRegistry } from "../registry";
import { activity, and, filter, inactivity, model, not, or, REGISTRY, rule, T } from "./cases";

const dialect = new PgDialect();
const WORKSPACE = "00000000-0000-4000-8000-000000000000";

/** String literals the compiler itself writes; anything else quoted in the SQL would be a leak. */
const OWN_LITERALS = new Set([
  "'string'",
  "'number'",
  "'boolean'",
  "'{}'",
  "'Infinity'",
  "'-Infinity'",
  "'infinity'",
  "'-infinity'",
  "''",
]);

describe("compiled SQL carries user values only as parameters", () => {
  const evil = [
    "x'); DROP TABLE contacts; --",
    '"; SELECT pg_sleep(10); --',
    "$$; DROP TABLE x; $$",
    "' OR '1'='1",
    "\\'; --",
    "%_%",
  ];
  const [field, activityType, property, text, listItem, label] = evil as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const registry = createRegistry({
    fields: [
      { key: field, type: "text" },
      { key: "nickname", type: "text" },
    ],
    activities: [{ key: activityType, properties: { [property]: "text" } }],
  });
  const doc = {
    ...model(
      [
        filter(
          or(
            rule(`contact.${field}`, "eq", text),
            not(and(rule("contact.nickname", "in", [listItem, label]))),
          ),
          1,
        ),
        activity(activityType, 2, {
          where: rule(`property.${property}`, "starts_with", text),
          maxPoints: 3,
        }),
        inactivity(activityType, -1, 30, rule(`contact.${field}`, "ends_with", listItem)),
      ],
      { halfLifeDays: 7 },
    ),
    bands: [{ label, color: "red" as const, min: 0 }],
  };

  const compiled = dialect.sqlToQuery(
    compileScoreQuery(doc, {
      workspaceId: WORKSPACE,
      at: T,
      registry,
      contactIds: [1, 2],
      scaleReference: null,
    }),
  );

  it.each(evil.map((s) => [s]))("%s is a parameter, not SQL text", (value) => {
    expect(compiled.sql).not.toContain(value);
    expect(compiled.params).toContain(value);
  });

  it("writes no string literal of its own besides fixed constants", () => {
    const literals = compiled.sql.match(/'(?:[^']|'')*'/g) ?? [];
    expect(literals.filter((l) => !OWN_LITERALS.has(l))).toEqual([]);
  });

  it("casts every parameter explicitly", () => {
    const placeholders = compiled.sql.match(/\$\d+(::[a-z0-9]+)?/g) ?? [];
    expect(placeholders.length).toBe(compiled.params.length);
    expect(placeholders.filter((p) => !p.includes("::"))).toEqual([]);
  });

  it("quotes overridden identifiers", () => {
    const q = dialect.sqlToQuery(
      compileScoreQuery(model([activity("page_viewed", 1)]), {
        workspaceId: WORKSPACE,
        at: T,
        registry: REGISTRY,
        names: { contacts: 'con"tacts', activityType: "kind" },
      }),
    );
    expect(q.sql).toContain('"con""tacts"');
    expect(q.sql).toContain('"a"."kind"');
  });
});

describe("compiled SQL is set-based", () => {
  const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

  it("scans activities once, grouped by contact, restricted to the model's types and T", () => {
    const doc = model([
      activity("page_viewed", 1),
      activity("page_viewed", 2, { where: rule("property.url", "contains", "/x") }),
      inactivity("logged_in", -5, 30),
      filter(rule("contact.age", "gt", 3)),
    ]);
    const q = dialect.sqlToQuery(
      compileScoreQuery(doc, { workspaceId: WORKSPACE, at: T, registry: REGISTRY }),
    );
    expect(count(q.sql, 'FROM "activities"')).toBe(1);
    expect(count(q.sql, "GROUP BY")).toBe(1);
    expect(count(q.sql, "FILTER (WHERE")).toBe(3);
    expect(q.sql).not.toContain('JOIN "contacts"');
    expect(q.params).toEqual(
      expect.arrayContaining(["page_viewed", "logged_in", "2024-06-01T00:00:00.001Z"]),
    );
  });

  it("joins contacts inside the activity pass only when an activity condition reads them", () => {
    const doc = model([activity("page_viewed", 1, { where: rule("contact.country", "eq", "US") })]);
    const q = dialect.sqlToQuery(
      compileScoreQuery(doc, { workspaceId: WORKSPACE, at: T, registry: REGISTRY }),
    );
    expect(count(q.sql, 'JOIN "contacts"')).toBe(1);
  });

  it("skips the activity pass for a model of filters", () => {
    const q = dialect.sqlToQuery(
      compileScoreQuery(model([filter(rule("contact.age", "gt", 3))]), {
        workspaceId: WORKSPACE,
        at: T,
        registry: REGISTRY,
      }),
    );
    expect(q.sql).not.toContain('"activities"');
  });

  it("percentile reference uses percentile_disc over positive raws", () => {
    const doc = model([activity("page_viewed", 1)], {
      scale: { kind: "percentile", percentile: 90 },
    });
    const q = dialect.sqlToQuery(
      compilePercentileReference(doc, { workspaceId: WORKSPACE, at: T, registry: REGISTRY }),
    );
    expect(q.sql).toContain("percentile_disc($1::float8) WITHIN GROUP");
    expect(q.params[0]).toBe(0.9);
  });
});
