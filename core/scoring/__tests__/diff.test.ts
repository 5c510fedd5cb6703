import { describe, expect, it } from "vitest";
import { describeCondition, diffDocuments } from "../diff";
import type { ModelDocument } from "../document";

const V1: ModelDocument = {
  format: "scorecraft.model/v1",
  key: "lead",
  name: "Lead",
  emoji: "🎯",
  kind: "lead",
  halfLifeDays: 30,
  decay: "exponential",
  scale: { kind: "fixed", maxPoints: 100 },
  bands: [
    { label: "Cold", color: "red", min: 0 },
    { label: "Hot", color: "green", min: 70 },
  ],
  criteria: [
    {
      id: "a",
      kind: "filter",
      label: "US",
      points: 10,
      where: { kind: "rule", field: "contact.country", operator: "in", value: ["US", "GB"] },
    },
    {
      id: "b",
      kind: "activity",
      label: "Pricing",
      points: 5,
      activity: "page_viewed",
      where: { kind: "rule", field: "property.url", operator: "contains", value: "/pricing" },
    },
  ],
};

describe("diffDocuments", () => {
  it("finds nothing between equal documents", () => {
    const d = diffDocuments(V1, structuredClone(V1));
    expect(d.same).toBe(true);
    expect(d).toMatchObject({ settings: [], added: [], removed: [], changed: [] });
  });

  it("lists added, removed and changed criteria with field-level changes in words", () => {
    const v2: ModelDocument = {
      ...V1,
      halfLifeDays: 14,
      scale: { kind: "percentile", percentile: 95 },
      criteria: [
        {
          id: "b",
          kind: "activity",
          label: "Pricing page",
          points: 8,
          activity: "page_viewed",
          where: { kind: "rule", field: "property.url", operator: "contains", value: "/plans" },
          maxPoints: 40,
          halfLifeDays: 7,
        },
        {
          id: "c",
          kind: "inactivity",
          label: "Dormant",
          points: -20,
          activity: "logged_in",
          where: null,
          days: 30,
        },
      ],
    };
    const d = diffDocuments(V1, v2);
    expect(d.same).toBe(false);
    expect(d.settings).toEqual([
      { field: "Half-life", from: "30 days", to: "14 days" },
      { field: "Scale", from: "fixed, 100 points = 100", to: "percentile 95" },
    ]);
    expect(d.added).toEqual([
      {
        id: "c",
        label: "Dormant",
        kind: "inactivity",
        summary: "-20 pts when no logged_in for 30 days",
      },
    ]);
    expect(d.removed).toEqual([
      {
        id: "a",
        label: "US",
        kind: "filter",
        summary: '+10 pts when country is any of "US", "GB"',
      },
    ]);
    expect(d.changed).toEqual([
      {
        id: "b",
        label: "Pricing page",
        kind: "activity",
        changes: [
          { field: "Label", from: "Pricing", to: "Pricing page" },
          { field: "Points", from: "+5", to: "+8" },
          { field: "Condition", from: 'url contains "/pricing"', to: 'url contains "/plans"' },
          { field: "Cap", from: "none", to: "40 pts" },
          { field: "Half-life", from: "model default", to: "7 days" },
        ],
      },
    ]);
  });

  it("ignores criteria order", () => {
    const swapped = { ...V1, criteria: [...V1.criteria].reverse() };
    expect(diffDocuments(V1, swapped).same).toBe(true);
  });
});

describe("describeCondition", () => {
  it("reads nested groups, negation and empty groups", () => {
    expect(
      describeCondition({
        kind: "group",
        combinator: "and",
        children: [
          { kind: "rule", field: "contact.seats", operator: "between", value: [1, 5] },
          {
            kind: "group",
            combinator: "or",
            negate: true,
            children: [{ kind: "rule", field: "contact.plan", operator: "is_set" }],
          },
          {
            kind: "group",
            combinator: "or",
            children: [
              { kind: "rule", field: "contact.a", operator: "eq", value: "x" },
              { kind: "rule", field: "contact.b", operator: "within_last_days", value: 7 },
            ],
          },
        ],
      }),
    ).toBe(
      'seats is between 1 and 5 and not (plan is set) and (a is "x" or b is within the last 7 days)',
    );
    expect(describeCondition({ kind: "group", combinator: "or", children: [] })).toBe("never");
    expect(describeCondition(null)).toBe("any");
  });
});
