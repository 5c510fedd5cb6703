import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BAND_COLORS,
  ModelDocument,
  OPERATOR_VALUES,
  type Condition,
  type Criterion,
  type Rule,
} from "@/core/scoring/document";
import {
  activityScope,
  documentToGraph,
  duplicateNodes,
  graphToDocument,
  graphToLayout,
  nodeForIssuePath,
  parseLayout,
  settingsOf,
  wouldCycle,
  type Graph,
} from "./graph";

const valueArb = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -100, max: 100 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

const ruleArb: fc.Arbitrary<Rule> = fc
  .record(
    {
      field: fc.constantFrom("contact.country", "contact.seats", "property.url", "contact.x"),
      operator: fc.constantFrom(...OPERATOR_VALUES),
      value: valueArb,
    },
    { requiredKeys: ["field", "operator"] },
  )
  .map((r) => ({ kind: "rule" as const, ...r }));

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    ruleArb,
    fc
      .record(
        {
          combinator: fc.constantFrom("and" as const, "or" as const),
          negate: fc.boolean(),
          children: fc.array(tie("cond"), { maxLength: 3 }),
        },
        { requiredKeys: ["combinator", "children"] },
      )
      .map((g) => ({ kind: "group" as const, ...g })),
  ),
})).cond;

const base = {
  label: fc.string({ minLength: 1, maxLength: 20 }),
  points: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
};

const criterionArb: fc.Arbitrary<Omit<Criterion, "id">> = fc.oneof(
  fc.record({ ...base, kind: fc.constant("filter" as const), where: conditionArb }),
  fc.record(
    {
      ...base,
      kind: fc.constant("activity" as const),
      activity: fc.constantFrom("page_viewed", "logged_in"),
      where: fc.option(conditionArb, { nil: null }),
      maxPoints: fc.double({ min: 0.5, max: 100, noNaN: true }),
      halfLifeDays: fc.option(fc.double({ min: 0.5, max: 365, noNaN: true }), { nil: null }),
    },
    { requiredKeys: ["label", "points", "kind", "activity", "where"] },
  ),
  fc.record({
    ...base,
    kind: fc.constant("inactivity" as const),
    activity: fc.constantFrom("page_viewed", "logged_in"),
    where: fc.option(conditionArb, { nil: null }),
    days: fc.integer({ min: 1, max: 365 }),
  }),
);

const documentArb: fc.Arbitrary<ModelDocument> = fc
  .record({
    halfLifeDays: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
    decay: fc.constantFrom("exponential" as const, "step" as const),
    color: fc.constantFrom(...BAND_COLORS),
    criteria: fc.array(criterionArb, { maxLength: 6 }),
  })
  .map(({ halfLifeDays, decay, color, criteria }) => ({
    format: "scorecraft.model/v1" as const,
    key: "lead",
    name: "Lead",
    emoji: "🎯",
    kind: "lead" as const,
    halfLifeDays,
    decay,
    scale: { kind: "fixed" as const, maxPoints: 100 },
    bands: [{ label: "All", color, min: 0 }],
    criteria: criteria.map((c, i) => ({ ...c, id: `c${i}` }) as Criterion),
  }));

/** Like an editor session: positions move, ids are not the canonical ones. */
function renameIds(graph: Graph): Graph {
  const map = new Map(graph.nodes.map((n, i) => [n.id, `n${i}-${Math.random()}`]));
  return {
    nodes: graph.nodes.map((n) => ({
      ...n,
      id: map.get(n.id) ?? n.id,
      position: { x: n.position.x + 7, y: n.position.y - 3 },
    })),
    edges: graph.edges.map((e) => ({
      ...e,
      source: map.get(e.source) ?? e.source,
      target: map.get(e.target) ?? e.target,
    })),
  };
}

describe("graph ⇄ document", () => {
  it("generated documents are well-formed (the arbitrary is honest)", () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        expect(ModelDocument.safeParse(doc).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("document → graph → document is the identity", () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const result = graphToDocument(settingsOf(doc), documentToGraph(doc));
        expect(result.document).toStrictEqual(doc);
        expect(result.issues.filter((i) => !i.message.startsWith("Connect"))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("layout round-trips through canonical keys whatever the session's node ids", () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const session = renameIds(documentToGraph(doc));
        const result = graphToDocument(settingsOf(doc), session);
        const layout = parseLayout(JSON.parse(JSON.stringify(graphToLayout(session, result))));
        const reloaded = documentToGraph(doc, layout);
        expect(reloaded.nodes.map((n) => n.position)).toEqual(
          session.nodes.map((n) => ({ x: Math.round(n.position.x), y: Math.round(n.position.y) })),
        );
        expect(graphToDocument(settingsOf(doc), reloaded).document).toStrictEqual(doc);
      }),
      { numRuns: 100 },
    );
  });
});

const DOC: ModelDocument = {
  format: "scorecraft.model/v1",
  key: "lead",
  name: "Lead",
  emoji: "🎯",
  kind: "lead",
  halfLifeDays: 30,
  decay: "exponential",
  scale: { kind: "fixed", maxPoints: 100 },
  bands: [{ label: "All", color: "red", min: 0 }],
  criteria: [
    {
      id: "a",
      kind: "filter",
      label: "US",
      points: 10,
      where: { kind: "rule", field: "contact.country", operator: "eq", value: "US" },
    },
    {
      id: "b",
      kind: "activity",
      label: "Pricing",
      points: 5,
      activity: "page_viewed",
      where: {
        kind: "group",
        combinator: "or",
        children: [
          { kind: "rule", field: "property.url", operator: "contains", value: "/pricing" },
          { kind: "rule", field: "property.url", operator: "contains", value: "/plans" },
        ],
      },
    },
  ],
};

describe("editing helpers", () => {
  it("maps an issue path to the deepest node", () => {
    const { pathToNode } = graphToDocument(settingsOf(DOC), documentToGraph(DOC));
    expect(nodeForIssuePath("criteria[1].where.children[1].value", pathToNode)).toBe("c:b/w/1");
    expect(nodeForIssuePath("criteria[1].activity", pathToNode)).toBe("c:b");
    expect(nodeForIssuePath("criteria[0].where.field", pathToNode)).toBe("c:a/w");
    expect(nodeForIssuePath("bands[0].min", pathToNode)).toBeNull();
    // criteria[1] must not match criteria[10].
    expect(nodeForIssuePath("criteria[10].label", pathToNode)).toBeNull();
  });

  it("keeps unconnected conditions in the layout and reports them", () => {
    const graph = documentToGraph(DOC);
    graph.nodes.push({
      id: "loose",
      type: "rule",
      position: { x: 900, y: 40 },
      data: { field: "contact.country", operator: "is_set" },
    });
    const result = graphToDocument(settingsOf(DOC), graph);
    expect(result.document).toStrictEqual(DOC);
    expect(result.issues).toEqual([
      { nodeId: "loose", message: expect.stringMatching(/Not connected/) },
    ]);
    const layout = graphToLayout(graph, result);
    expect(layout.detached).toHaveLength(1);
    const reloaded = documentToGraph(DOC, layout);
    expect(reloaded.nodes.at(-1)).toMatchObject({ id: "d:0", position: { x: 900, y: 40 } });
  });

  it("a filter without a condition is reported and saved as an empty AND", () => {
    const graph = documentToGraph(DOC);
    graph.edges = graph.edges.filter((e) => e.source !== "c:a");
    const result = graphToDocument(settingsOf(DOC), graph);
    expect(result.document.criteria[0]).toMatchObject({
      where: { kind: "group", combinator: "and", children: [] },
    });
    expect(result.issues.map((i) => i.nodeId)).toContain("c:a");
  });

  it("an unconnected filter stays unconnected (and flagged) after a reload", () => {
    const graph = documentToGraph(DOC);
    graph.edges = graph.edges.filter((e) => e.source !== "c:a");
    graph.nodes = graph.nodes.filter((n) => n.id !== "c:a/w");
    const result = graphToDocument(settingsOf(DOC), graph);
    const layout = parseLayout(JSON.parse(JSON.stringify(graphToLayout(graph, result))));
    expect(layout.unconnected).toEqual(["a"]);
    const reloaded = documentToGraph(result.document, layout);
    expect(reloaded.edges.some((e) => e.source === "c:a")).toBe(false);
    const again = graphToDocument(settingsOf(DOC), reloaded);
    expect(again.document).toStrictEqual(result.document);
    expect(again.issues.map((i) => i.nodeId)).toContain("c:a");
  });

  it("a criterion with two conditions is reported", () => {
    const graph = documentToGraph(DOC);
    graph.edges.push({ id: "x", source: "c:a", target: "c:b/w/0" });
    const result = graphToDocument(settingsOf(DOC), graph);
    expect(result.issues.some((i) => i.nodeId === "c:a")).toBe(true);
  });

  it("detects cycles, finds the activity in scope, duplicates with fresh ids", () => {
    const graph = documentToGraph(DOC);
    expect(wouldCycle(graph.edges, "c:b/w/0", "c:b/w")).toBe(true);
    expect(wouldCycle(graph.edges, "c:b/w", "c:a/w")).toBe(false);
    expect(activityScope(graph, "c:b/w/1")).toBe("page_viewed");
    expect(activityScope(graph, "c:a/w")).toBeNull();
    let n = 0;
    const copy = duplicateNodes(graph, new Set(["c:b", "c:b/w", "c:b/w/0"]), () => `new${n++}`);
    expect(copy.nodes.map((x) => x.id)).toEqual(["new0", "new1", "new2"]);
    expect(copy.nodes[0]).toMatchObject({ type: "criterion", data: { id: "new0" } });
    expect(copy.edges).toEqual([
      { id: "new0->new1", source: "new0", target: "new1" },
      { id: "new1->new2", source: "new1", target: "new2" },
    ]);
  });
});
