import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MODEL_FORMAT } from "../document";
import { createRegistry } from "../registry";
import { ISSUE_CODES, validateCondition, validateModel, type ValidationIssue } from "../validate";
import { CASES, REGISTRY } from "./cases";

const SPEC_EXAMPLE = {
  format: "scorecraft.model/v1",
  key: "engagement",
  name: "Engagement",
  emoji: "🔥",
  kind: "engagement",
  halfLifeDays: 30,
  decay: "exponential",
  scale: { kind: "fixed", maxPoints: 100 },
  bands: [
    { label: "Cold", color: "red", min: 0 },
    { label: "Warm", color: "amber", min: 40 },
    { label: "Hot", color: "green", min: 70 },
  ],
  criteria: [
    {
      id: "c1",
      kind: "filter",
      label: "Target country",
      points: 10,
      where: { kind: "rule", field: "contact.country", operator: "in", value: ["US", "GB"] },
    },
    {
      id: "c2",
      kind: "activity",
      label: "Viewed pricing",
      points: 5,
      activity: "page_viewed",
      where: { kind: "rule", field: "property.url", operator: "contains", value: "/pricing" },
      maxPoints: 25,
    },
    {
      id: "c3",
      kind: "inactivity",
      label: "No login for 30 days",
      points: -20,
      activity: "logged_in",
      where: null,
      days: 30,
    },
  ],
};

type Json = Record<string, unknown>;

/** The SPEC example with `edit` applied to a deep copy. */
function specWith(edit: (doc: Json & { criteria: Json[]; bands: Json[] }) => void): unknown {
  const doc = structuredClone(SPEC_EXAMPLE) as unknown as Json & {
    criteria: Json[];
    bands: Json[];
  };
  edit(doc);
  return doc;
}

function issuesOf(input: unknown): ValidationIssue[] {
  const result = validateModel(input, REGISTRY);
  if (result.ok) throw new Error("expected issues");
  return result.issues;
}

function filterWhere(where: unknown) {
  return specWith((d) => {
    d.criteria = [{ id: "f", kind: "filter", label: "F", points: 1, where }];
  });
}

const r = (field: string, operator: string, value?: unknown) =>
  value === undefined
    ? { kind: "rule", field, operator }
    : { kind: "rule", field, operator, value };

function nest(depth: number): unknown {
  let node: unknown = r("contact.age", "is_set");
  for (let i = 1; i < depth; i++) node = { kind: "group", combinator: "and", children: [node] };
  return node;
}

describe("validateModel accepts valid documents", () => {
  it("the SPEC §3 example, with the defaults applied", () => {
    const result = validateModel(SPEC_EXAMPLE, REGISTRY);
    expect(result).toEqual({ ok: true, document: SPEC_EXAMPLE });
    const withoutDecay = specWith((d) => delete d.decay);
    const defaulted = validateModel(withoutDecay, REGISTRY);
    expect(defaulted.ok && defaulted.document.decay).toBe("exponential");
  });

  it("every document of the case table, and export → import is the identity", () => {
    for (const c of CASES) {
      const exported = JSON.parse(JSON.stringify(c.document)) as unknown;
      const result = validateModel(exported, REGISTRY);
      expect(result, c.name).toEqual({ ok: true, document: c.document });
    }
  });
});

describe("validateModel reports each issue code at its path", () => {
  const table: [string, unknown, ValidationIssue["code"], string][] = [
    ["a non-object", null, "invalid_shape", ""],
    ["an array", [], "invalid_shape", ""],
    ["a missing format", specWith((d) => delete d.format), "invalid_shape", "format"],
    [
      "another format",
      specWith((d) => (d.format = "scorecraft.model/v2")),
      "unknown_format",
      "format",
    ],
    [
      "a wrong type",
      specWith((d) => ((d.criteria[0] as Json).points = "10")),
      "invalid_shape",
      "criteria[0].points",
    ],
    ["a missing name", specWith((d) => delete d.name), "invalid_shape", "name"],
    ["an unknown top-level key", specWith((d) => (d.colour = "red")), "unknown_key", "colour"],
    ["an odd unknown key", specWith((d) => (d["my key"] = 1)), "unknown_key", '["my key"]'],
    [
      "an unknown criterion key",
      specWith((d) => ((d.criteria[2] as Json).weight = 1)),
      "unknown_key",
      "criteria[2].weight",
    ],
    [
      "an unknown scale key",
      specWith((d) => ((d.scale as Json).extra = 1)),
      "unknown_key",
      "scale.extra",
    ],
    [
      "an unknown scale kind",
      specWith((d) => (d.scale = { kind: "log" })),
      "invalid_shape",
      "scale.kind",
    ],
    [
      "a non-positive scale",
      specWith((d) => (d.scale = { kind: "fixed", maxPoints: 0 })),
      "invalid_value",
      "scale.maxPoints",
    ],
    [
      "a percentile above 100",
      specWith((d) => (d.scale = { kind: "percentile", percentile: 101 })),
      "invalid_value",
      "scale.percentile",
    ],
    ["a zero half-life", specWith((d) => (d.halfLifeDays = 0)), "invalid_value", "halfLifeDays"],
    ["an unknown decay", specWith((d) => (d.decay = "linear")), "invalid_value", "decay"],
    [
      "an unknown criterion kind",
      specWith((d) => ((d.criteria[0] as Json).kind = "score")),
      "invalid_shape",
      "criteria[0].kind",
    ],
    [
      "a negative inactivity window",
      specWith((d) => ((d.criteria[2] as Json).days = -1)),
      "invalid_value",
      "criteria[2].days",
    ],
    [
      "a negative cap",
      specWith((d) => ((d.criteria[1] as Json).maxPoints = -5)),
      "invalid_value",
      "criteria[1].maxPoints",
    ],
    [
      "infinite points",
      specWith((d) => ((d.criteria[0] as Json).points = Infinity)),
      "invalid_shape",
      "criteria[0].points",
    ],
    [
      "a filter without where",
      specWith((d) => ((d.criteria[0] as Json).where = null)),
      "invalid_shape",
      "criteria[0].where",
    ],
    [
      "an activity criterion without where",
      specWith((d) => delete (d.criteria[1] as Json).where),
      "invalid_shape",
      "criteria[1].where",
    ],
    [
      "an unknown rule key",
      filterWhere({ ...r("contact.country", "is_set"), note: "x" }),
      "unknown_key",
      "criteria[0].where.note",
    ],
    [
      "an unknown condition kind",
      filterWhere({ kind: "not" }),
      "invalid_shape",
      "criteria[0].where.kind",
    ],
    [
      "a bad combinator",
      filterWhere({ kind: "group", combinator: "xor", children: [] }),
      "invalid_value",
      "criteria[0].where.combinator",
    ],
    [
      "a non-boolean negate",
      filterWhere({ kind: "group", combinator: "and", negate: 1, children: [] }),
      "invalid_shape",
      "criteria[0].where.negate",
    ],
    [
      "children that are not an array",
      filterWhere({ kind: "group", combinator: "and", children: {} }),
      "invalid_shape",
      "criteria[0].where.children",
    ],
    [
      "a child that is not an object",
      filterWhere({ kind: "group", combinator: "and", children: [1] }),
      "invalid_shape",
      "criteria[0].where.children[0]",
    ],
    [
      "an unknown field in a nested rule",
      specWith((d) => {
        d.criteria[1] = {
          ...d.criteria[1],
          where: { kind: "group", combinator: "and", children: [r("contact.shoe_size", "is_set")] },
        };
      }),
      "unknown_field",
      "criteria[1].where.children[0].field",
    ],
    [
      "a field without a prefix",
      filterWhere(r("country", "is_set")),
      "unknown_field",
      "criteria[0].where.field",
    ],
    [
      "a score field in a model",
      filterWhere(r("score.lead", "is_set")),
      "unknown_field",
      "criteria[0].where.field",
    ],
    [
      "a prototype key as a field",
      filterWhere(r("contact.constructor", "is_set")),
      "unknown_field",
      "criteria[0].where.field",
    ],
    [
      "an unknown activity",
      specWith((d) => ((d.criteria[2] as Json).activity = "teleported")),
      "unknown_activity",
      "criteria[2].activity",
    ],
    [
      "a prototype key as an activity",
      specWith((d) => ((d.criteria[2] as Json).activity = "toString")),
      "unknown_activity",
      "criteria[2].activity",
    ],
    [
      "an unknown property",
      specWith((d) => ((d.criteria[1] as Json).where = r("property.referrer", "is_set"))),
      "unknown_property",
      "criteria[1].where.field",
    ],
    [
      "a property in a filter",
      filterWhere(r("property.url", "is_set")),
      "property_outside_activity",
      "criteria[0].where.field",
    ],
    [
      "an unknown operator",
      filterWhere(r("contact.country", "like", "x")),
      "unknown_operator",
      "criteria[0].where.operator",
    ],
    [
      "a missing operator",
      filterWhere({ kind: "rule", field: "contact.country" }),
      "invalid_shape",
      "criteria[0].where.operator",
    ],
    [
      "contains on a number",
      filterWhere(r("contact.age", "contains", "4")),
      "operator_not_allowed",
      "criteria[0].where.operator",
    ],
    [
      "gt on text",
      filterWhere(r("contact.country", "gt", 4)),
      "operator_not_allowed",
      "criteria[0].where.operator",
    ],
    [
      "eq on an enum",
      filterWhere(r("contact.plan", "eq", "pro")),
      "operator_not_allowed",
      "criteria[0].where.operator",
    ],
    [
      "is_true on a date",
      filterWhere(r("contact.created_at", "is_true")),
      "operator_not_allowed",
      "criteria[0].where.operator",
    ],
    [
      "a text value that is a number",
      filterWhere(r("contact.country", "eq", 4)),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "a text value with NUL",
      filterWhere(r("contact.country", "eq", "a\u0000b")),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "a missing value",
      filterWhere(r("contact.country", "eq")),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "in with a non-array",
      filterWhere(r("contact.country", "in", "US")),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "in with a non-string item",
      filterWhere(r("contact.country", "in", ["US", 4])),
      "invalid_value",
      "criteria[0].where.value[1]",
    ],
    [
      "an enum value outside the options",
      filterWhere(r("contact.plan", "in", ["pro", "gold"])),
      "invalid_value",
      "criteria[0].where.value[1]",
    ],
    [
      "a NaN-ish number",
      filterWhere(r("contact.age", "gt", "5")),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "between reversed",
      filterWhere(r("contact.age", "between", [5, 1])),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "between with one bound",
      filterWhere(r("contact.age", "between", [5])),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "between with a string bound",
      filterWhere(r("contact.age", "between", [1, "9"])),
      "invalid_value",
      "criteria[0].where.value[1]",
    ],
    [
      "before a local time",
      filterWhere(r("contact.created_at", "before", "2024-05-01T00:00:00")),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "after 31 February",
      filterWhere(r("contact.created_at", "after", "2024-02-31T00:00:00Z")),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "negative days",
      filterWhere(r("contact.created_at", "within_last_days", -1)),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "a value on is_set",
      filterWhere(r("contact.country", "is_set", "US")),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "a value on is_true",
      filterWhere(r("contact.vip", "is_true", true)),
      "invalid_value",
      "criteria[0].where.value",
    ],
    [
      "a duplicate id",
      specWith((d) => ((d.criteria[1] as Json).id = "c1")),
      "duplicate_id",
      "criteria[1].id",
    ],
    [
      "bands not starting at 0",
      specWith((d) => ((d.bands[0] as Json).min = 5)),
      "bands_first_not_zero",
      "bands[0].min",
    ],
    [
      "unsorted bands",
      specWith((d) => ((d.bands[2] as Json).min = 30)),
      "bands_unsorted",
      "bands[2].min",
    ],
    [
      "two bands with one min",
      specWith((d) => ((d.bands[2] as Json).min = 40)),
      "bands_unsorted",
      "bands[2].min",
    ],
    [
      "a duplicate band label",
      specWith((d) => ((d.bands[1] as Json).label = "Cold")),
      "duplicate_band_label",
      "bands[1].label",
    ],
    ["no bands", specWith((d) => (d.bands = [])), "invalid_value", "bands"],
    [
      "an unknown band colour",
      specWith((d) => ((d.bands[1] as Json).color = "beige")),
      "invalid_value",
      "bands[1].color",
    ],
    [
      "51 criteria",
      specWith((d) => {
        d.criteria = Array.from({ length: 51 }, (_, i) => ({ ...d.criteria[0], id: `c${i}` }));
      }),
      "too_many_criteria",
      "criteria",
    ],
    [
      "201 rules in one tree",
      filterWhere({
        kind: "group",
        combinator: "or",
        children: Array.from({ length: 201 }, () => r("contact.age", "is_set")),
      }),
      "too_many_rules",
      "criteria[0].where",
    ],
    [
      "nine levels of nesting",
      filterWhere(nest(9)),
      "too_deep",
      `criteria[0].where${".children[0]".repeat(8)}`,
    ],
  ];

  it.each(table)("%s", (_name, input, code, path) => {
    const issues = issuesOf(input);
    expect(issues).toContainEqual({ path, code, message: expect.any(String) as string });
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
  });

  it("covers every issue code", () => {
    expect(new Set(table.map((t) => t[2]))).toEqual(new Set(ISSUE_CODES));
  });

  it("accepts exactly 50 criteria, 200 rules and 8 levels", () => {
    const fifty = specWith((d) => {
      d.criteria = Array.from({ length: 50 }, (_, i) => ({ ...d.criteria[0], id: `c${i}` }));
    });
    expect(validateModel(fifty, REGISTRY).ok).toBe(true);
    const twoHundred = filterWhere({
      kind: "group",
      combinator: "or",
      children: Array.from({ length: 200 }, () => r("contact.age", "is_set")),
    });
    expect(validateModel(twoHundred, REGISTRY).ok).toBe(true);
    expect(validateModel(filterWhere(nest(8)), REGISTRY).ok).toBe(true);
  });
});

describe("validateModel bounds every number a user can type", () => {
  it.each([
    ["criteria[0].points", (d: Json & { criteria: Json[] }) => void (d.criteria[0]!.points = 1e308)],
    ["criteria[0].points", (d: Json & { criteria: Json[] }) => void (d.criteria[0]!.points = -2e6)],
    ["criteria[1].maxPoints", (d: Json & { criteria: Json[] }) => void (d.criteria[1]!.maxPoints = 1e12)],
    ["criteria[1].halfLifeDays", (d: Json & { criteria: Json[] }) => void (d.criteria[1]!.halfLifeDays = 1e-9)],
    ["criteria[2].days", (d: Json & { criteria: Json[] }) => void (d.criteria[2]!.days = 1e308)],
    ["halfLifeDays", (d: Json) => void (d.halfLifeDays = 1e6)],
    ["scale.maxPoints", (d: Json) => void (d.scale = { kind: "fixed", maxPoints: 1e-300 })],
  ])("refuses an out-of-range %s", (path, edit) => {
    const issues = issuesOf(specWith(edit));
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it("accepts the bounds themselves", () => {
    const doc = specWith((d) => {
      d.criteria[0]!.points = 1_000_000;
      d.criteria[2]!.points = -1_000_000;
      d.criteria[1]!.maxPoints = 1_000_000_000;
      d.criteria[2]!.days = 36_500;
      d.halfLifeDays = 0.001;
    });
    expect(validateModel(doc, REGISTRY).ok).toBe(true);
  });
});

describe("validateModel reports everything at once", () => {
  it("collects issues from every part of the document", () => {
    const input = specWith((d) => {
      d.colour = "red";
      d.bands = [
        { label: "Cold", color: "red", min: 10 },
        { label: "Cold", color: "red", min: 5 },
      ];
      d.criteria = [
        {
          id: "a",
          kind: "filter",
          label: "A",
          points: 1,
          where: r("property.url", "is_set"),
          extra: 1,
        },
        {
          id: "a",
          kind: "activity",
          label: "B",
          points: 1,
          activity: "page_viewed",
          where: {
            kind: "group",
            combinator: "and",
            children: [
              r("property.nope", "is_set"),
              r("contact.age", "between", [3, 1]),
              r("contact.x", "eq", "y"),
            ],
          },
        },
        {
          id: "c",
          kind: "inactivity",
          label: "C",
          points: 1,
          activity: "ghost",
          where: r("property.any", "is_set"),
          days: 3,
        },
      ];
    });
    const issues = issuesOf(input);
    expect(issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ["unknown_key", "colour"],
        ["bands_first_not_zero", "bands[0].min"],
        ["bands_unsorted", "bands[1].min"],
        ["duplicate_band_label", "bands[1].label"],
        ["unknown_key", "criteria[0].extra"],
        ["property_outside_activity", "criteria[0].where.field"],
        ["duplicate_id", "criteria[1].id"],
        ["unknown_property", "criteria[1].where.children[0].field"],
        ["invalid_value", "criteria[1].where.children[1].value"],
        ["unknown_field", "criteria[1].where.children[2].field"],
        ["unknown_activity", "criteria[2].activity"],
      ]),
    );
    // The unknown activity is reported once, not again for each of its property rules.
    expect(issues.filter((i) => i.path.startsWith("criteria[2]"))).toHaveLength(1);
    expect(issues).toHaveLength(11);
  });
});

describe("validateModel never throws", () => {
  it("on arbitrary values", () => {
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withBoxedValues: true,
          withMap: true,
          withSet: true,
        }),
        (input) => {
          const result = validateModel(input, REGISTRY);
          expect(result.ok).toBe(false);
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("on a valid document with anything put anywhere", () => {
    const paths: (string | number)[][] = [
      ["format"],
      ["scale"],
      ["bands"],
      ["bands", 1],
      ["bands", 1, "min"],
      ["criteria"],
      ["criteria", 0],
      ["criteria", 0, "where"],
      ["criteria", 0, "where", "value"],
      ["criteria", 1, "where", "field"],
      ["criteria", 1, "where", "operator"],
      ["criteria", 1, "halfLifeDays"],
      ["criteria", 2, "where"],
      ["criteria", 2, "activity"],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
        const doc = structuredClone(SPEC_EXAMPLE) as unknown as Json;
        let target: Json = doc;
        for (const key of path.slice(0, -1)) target = target[key] as Json;
        target[path[path.length - 1] as string] = value;
        const result = validateModel(doc, REGISTRY);
        if (!result.ok) {
          for (const issue of result.issues) expect(ISSUE_CODES).toContain(issue.code);
        }
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});

describe("validateCondition", () => {
  it("checks properties against the given activity", () => {
    const cond = {
      kind: "group",
      combinator: "or",
      children: [r("property.url", "contains", "/x"), r("property.zzz", "is_set")],
    };
    expect(
      validateCondition(cond, REGISTRY, {
        allowProperties: true,
        activity: "page_viewed",
        path: "where",
      }),
    ).toEqual([
      {
        path: "where.children[1].field",
        code: "unknown_property",
        message: expect.any(String) as string,
      },
    ]);
    expect(
      validateCondition(cond, REGISTRY, { allowProperties: false }).map((i) => i.code),
    ).toEqual(["property_outside_activity", "property_outside_activity"]);
    expect(
      validateCondition(r("property.url", "is_set"), REGISTRY, {
        allowProperties: true,
        activity: "nope",
      })[0]?.code,
    ).toBe("unknown_activity");
  });

  it("accepts an enum without options for any string", () => {
    const registry = createRegistry({ fields: [{ key: "tier", type: "enum", options: null }] });
    expect(
      validateCondition(r("contact.tier", "in", ["anything"]), registry, {
        allowProperties: false,
      }),
    ).toEqual([]);
  });

  it("does not let the registry retype the email and created_at columns", () => {
    const registry = createRegistry({ fields: [{ key: "email", type: "number" }] });
    expect(
      validateCondition(r("contact.email", "gt", 1), registry, { allowProperties: false })[0]?.code,
    ).toBe("operator_not_allowed");
  });
});

it("the format constant is the SPEC one", () => {
  expect(MODEL_FORMAT).toBe("scorecraft.model/v1");
});
