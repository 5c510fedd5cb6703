/**
 * The canvas graph ⇄ the model document (SPEC §3), as pure functions.
 *
 * The document is what we store, score and publish; the graph is only how the editor shows it
 * (ADR 0003). Three node kinds: a criterion (the criterion without its `where`), a condition
 * group, a rule. An edge from a criterion is its `where`; edges from a group are its children.
 * Order is carried by array order (criteria by their order in `nodes`, a group's children by the
 * order of its edges in `edges`), so document → graph → document is the identity.
 *
 * Node positions are editor metadata kept in `score_models.layout`, keyed by a *canonical key*
 * derived from the tree (`c:<criterionId>/w/0/1`): nodes created while editing get random ids, but
 * a reload rebuilds the graph with canonical ids and finds their positions again. Condition nodes
 * not connected to any criterion cannot be in the document; they are kept in the layout
 * (`detached`) so unfinished work survives a reload.
 */
import type {
  ActivityCriterion,
  Condition,
  Criterion,
  FilterCriterion,
  Group,
  InactivityCriterion,
  ModelDocument,
  Rule,
} from "@/core/scoring/document";

export interface XY {
  x: number;
  y: number;
}

/** A criterion without its condition (which lives in the connected nodes). */
export type CriterionData =
  | Omit<FilterCriterion, "where">
  | Omit<ActivityCriterion, "where">
  | Omit<InactivityCriterion, "where">;
export type GroupData = Omit<Group, "kind" | "children">;
export type RuleData = Omit<Rule, "kind">;

export type GraphNode =
  | { id: string; type: "criterion"; position: XY; data: CriterionData }
  | { id: string; type: "group"; position: XY; data: GroupData }
  | { id: string; type: "rule"; position: XY; data: RuleData };

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The document's model-wide part: everything but the criteria. */
export type ModelSettings = Omit<ModelDocument, "criteria">;

export interface DetachedTree {
  condition: Condition;
}

/** What `score_models.layout` holds for this editor. */
export interface EditorLayout {
  version: 1;
  positions: Record<string, XY>;
  detached: DetachedTree[];
  /**
   * Filter criteria saved with no condition connected: the document holds an empty AND group to
   * stay well-formed, but the canvas shows the filter unconnected (and still flagged) after reload.
   */
  unconnected?: string[];
}

/** A problem only the graph can have (the document validator never sees it). */
export interface GraphIssue {
  nodeId: string;
  message: string;
}

export interface GraphToDocumentResult {
  document: ModelDocument;
  /** Document path (`criteria[1].where.children[0]`) → node id, for placing validation issues. */
  pathToNode: Map<string, string>;
  /** Node id → canonical layout key. */
  keys: Map<string, string>;
  /** Condition trees not connected to a criterion (root node ids). */
  detachedRoots: string[];
  issues: GraphIssue[];
}

export const EDGE_ID_SEPARATOR = "->";

export function edgeId(source: string, target: string): string {
  return `${source}${EDGE_ID_SEPARATOR}${target}`;
}

export function criterionKey(criterionId: string): string {
  return `c:${criterionId}`;
}

/** Column x of each depth: criteria, then conditions to the right. */
const COLUMN_X = 0;
const COLUMN_WIDTH = 336;
const CRITERION_ROW = 112;
const CONDITION_ROW = 84;

export function emptyLayout(): EditorLayout {
  return { version: 1, positions: {}, detached: [] };
}

/** Reads a stored layout defensively: it is metadata and may be missing or from an older editor. */
export function parseLayout(value: unknown): EditorLayout {
  const layout = emptyLayout();
  if (!value || typeof value !== "object") return layout;
  const record = value as Record<string, unknown>;
  const positions = record.positions;
  if (positions && typeof positions === "object") {
    for (const [key, pos] of Object.entries(positions as Record<string, unknown>)) {
      if (
        pos &&
        typeof pos === "object" &&
        Number.isFinite((pos as XY).x) &&
        Number.isFinite((pos as XY).y)
      ) {
        layout.positions[key] = { x: (pos as XY).x, y: (pos as XY).y };
      }
    }
  }
  if (Array.isArray(record.unconnected)) {
    layout.unconnected = record.unconnected.filter((id): id is string => typeof id === "string");
  }
  if (Array.isArray(record.detached)) {
    for (const item of record.detached) {
      const condition = (item as { condition?: unknown } | null)?.condition;
      if (isCondition(condition)) layout.detached.push({ condition });
    }
  }
  return layout;
}

function isCondition(value: unknown): value is Condition {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  if (v.kind === "rule") return typeof v.field === "string" && typeof v.operator === "string";
  if (v.kind === "group") {
    return (
      (v.combinator === "and" || v.combinator === "or") &&
      Array.isArray(v.children) &&
      v.children.every(isCondition)
    );
  }
  return false;
}

function stripWhere(c: Criterion): CriterionData {
  const { where: _where, ...rest } = c;
  return rest;
}

function conditionData(c: Condition): GraphNode {
  if (c.kind === "rule") {
    const { kind: _kind, ...data } = c;
    return { id: "", type: "rule", position: { x: 0, y: 0 }, data };
  }
  const { kind: _kind, children: _children, ...data } = c;
  return { id: "", type: "group", position: { x: 0, y: 0 }, data };
}

/**
 * Builds the canvas graph. Positions come from the layout where known; others are laid out as a
 * tidy tree (criteria in a column, conditions to their right, one row per leaf).
 */
export function documentToGraph(
  doc: Pick<ModelDocument, "criteria">,
  layout: EditorLayout = emptyLayout(),
): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  let nextY = 0;

  /** Adds a condition subtree; returns the y it was placed at (for its parent's auto layout). */
  const addCondition = (c: Condition, id: string, parent: string | null, depth: number): number => {
    const node = conditionData(c);
    node.id = id;
    const index = nodes.length;
    nodes.push(node);
    if (parent !== null) edges.push({ id: edgeId(parent, id), source: parent, target: id });
    let y: number;
    if (c.kind === "group" && c.children.length > 0) {
      const ys = c.children.map((child, i) => addCondition(child, `${id}/${i}`, id, depth + 1));
      y = ys[0] ?? nextY;
    } else {
      y = nextY;
      nextY += CONDITION_ROW;
    }
    const placed = nodes[index];
    if (placed) {
      placed.position = layout.positions[id] ?? {
        x: COLUMN_X + COLUMN_WIDTH * depth,
        y,
      };
    }
    return y;
  };

  for (const c of doc.criteria) {
    const id = criterionKey(c.id);
    const startY = nextY;
    nodes.push({
      id,
      type: "criterion",
      position: layout.positions[id] ?? { x: COLUMN_X, y: startY },
      data: stripWhere(c),
    });
    const placeholder =
      layout.unconnected?.includes(c.id) &&
      c.where?.kind === "group" &&
      c.where.combinator === "and" &&
      !c.where.negate &&
      c.where.children.length === 0;
    if (c.where !== null && !placeholder) addCondition(c.where, `${id}/w`, id, 1);
    nextY = Math.max(nextY, startY + CRITERION_ROW);
  }
  layout.detached.forEach((tree, i) => {
    addCondition(tree.condition, `d:${i}`, null, 1);
  });
  return { nodes, edges };
}

/**
 * The document of a graph, plus what the editor needs to point at nodes. Never throws: a graph
 * that cannot be a valid document still yields a well-shaped one and `issues` say why.
 */
export function graphToDocument(settings: ModelSettings, graph: Graph): GraphToDocumentResult {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  for (const e of graph.edges) {
    if (!byId.has(e.source) || !byId.has(e.target)) continue;
    const list = children.get(e.source) ?? [];
    list.push(e.target);
    children.set(e.source, list);
    hasParent.add(e.target);
  }
  const pathToNode = new Map<string, string>();
  const keys = new Map<string, string>();
  const issues: GraphIssue[] = [];
  const visited = new Set<string>();

  const build = (id: string, path: string, key: string, depth: number): Condition | null => {
    const node = byId.get(id);
    if (!node || node.type === "criterion") return null;
    if (visited.has(id)) {
      issues.push({ nodeId: id, message: "This condition is connected twice (a loop)." });
      return null;
    }
    visited.add(id);
    pathToNode.set(path, id);
    keys.set(id, key);
    if (node.type === "rule") return { kind: "rule", ...node.data };
    const kids: Condition[] = [];
    (children.get(id) ?? []).forEach((childId) => {
      const child = build(
        childId,
        `${path}.children[${kids.length}]`,
        `${key}/${kids.length}`,
        depth + 1,
      );
      if (child) kids.push(child);
    });
    return { kind: "group", ...node.data, children: kids };
  };

  const criteria: Criterion[] = [];
  for (const node of graph.nodes) {
    if (node.type !== "criterion") continue;
    const index = criteria.length;
    const path = `criteria[${index}]`;
    const key = criterionKey(node.data.id);
    pathToNode.set(path, node.id);
    keys.set(node.id, key);
    const targets = children.get(node.id) ?? [];
    if (targets.length > 1) {
      issues.push({
        nodeId: node.id,
        message: "A criterion takes one condition: connect a group to combine several.",
      });
    }
    const first = targets[0];
    const where = first === undefined ? null : build(first, `${path}.where`, `${key}/w`, 1);
    if (node.data.kind === "filter") {
      if (where === null) {
        issues.push({
          nodeId: node.id,
          message: "Connect a rule or group: a filter needs a condition.",
        });
      }
      // An empty AND group keeps the draft well-formed while the issue blocks publishing.
      criteria.push({
        ...node.data,
        where: where ?? { kind: "group", combinator: "and", children: [] },
      });
    } else {
      criteria.push({ ...node.data, where });
    }
  }

  const detachedRoots: string[] = [];
  for (const node of graph.nodes) {
    if (node.type === "criterion" || hasParent.has(node.id) || visited.has(node.id)) continue;
    const i = detachedRoots.length;
    detachedRoots.push(node.id);
    build(node.id, `detached[${i}]`, `d:${i}`, 1);
    issues.push({
      nodeId: node.id,
      message: "Not connected: link it to a criterion or group, or delete it.",
    });
  }

  return {
    document: { ...settings, criteria },
    pathToNode,
    keys,
    detachedRoots,
    issues,
  };
}

/** The layout to store: positions under canonical keys and the detached subtrees. */
export function graphToLayout(graph: Graph, result: GraphToDocumentResult): EditorLayout {
  const positions: Record<string, XY> = {};
  for (const node of graph.nodes) {
    const key = result.keys.get(node.id);
    if (key) positions[key] = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const childrenOf = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = childrenOf.get(e.source) ?? [];
    list.push(e.target);
    childrenOf.set(e.source, list);
  }
  const seen = new Set<string>();
  const tree = (id: string): Condition | null => {
    const node = byId.get(id);
    if (!node || node.type === "criterion" || seen.has(id)) return null;
    seen.add(id);
    if (node.type === "rule") return { kind: "rule", ...node.data };
    const kids = (childrenOf.get(id) ?? []).map(tree).filter((c): c is Condition => c !== null);
    return { kind: "group", ...node.data, children: kids };
  };
  const unconnected = graph.nodes
    .filter(
      (n) =>
        n.type === "criterion" &&
        n.data.kind === "filter" &&
        !graph.edges.some((e) => e.source === n.id && byId.has(e.target)),
    )
    .map((n) => (n.type === "criterion" ? n.data.id : ""));
  const detached = result.detachedRoots
    .map(tree)
    .filter((c): c is Condition => c !== null)
    .map((condition) => ({ condition }));
  return unconnected.length
    ? { version: 1, positions, detached, unconnected }
    : { version: 1, positions, detached };
}

/** The model settings of a document (everything but the criteria). */
export function settingsOf(doc: ModelDocument): ModelSettings {
  const { criteria: _criteria, ...settings } = doc;
  return settings;
}

/**
 * The node an issue path points at: the deepest node whose path is a prefix of the issue's
 * (`criteria[1].where.children[0].field` → the rule at `criteria[1].where.children[0]`).
 */
export function nodeForIssuePath(
  issuePath: string,
  pathToNode: ReadonlyMap<string, string>,
): string | null {
  let best: string | null = null;
  let bestLength = -1;
  for (const [path, nodeId] of pathToNode) {
    if (path.length <= bestLength) continue;
    if (
      issuePath === path ||
      issuePath.startsWith(`${path}.`) ||
      issuePath.startsWith(`${path}[`)
    ) {
      best = nodeId;
      bestLength = path.length;
    }
  }
  return best;
}

/** True if `target` is `source` or one of its ancestors (an edge source → target would loop). */
export function wouldCycle(edges: readonly GraphEdge[], source: string, target: string): boolean {
  const parents = new Map<string, string[]>();
  for (const e of edges) {
    const list = parents.get(e.target) ?? [];
    list.push(e.source);
    parents.set(e.target, list);
  }
  const stack = [source];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    if (id === target) return true;
    seen.add(id);
    stack.push(...(parents.get(id) ?? []));
  }
  return false;
}

/** The activity a condition node reads properties of: its criterion's, through its ancestors. */
export function activityScope(graph: Graph, nodeId: string): string | null | undefined {
  const parentOf = new Map(graph.edges.map((e) => [e.target, e.source]));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  let id: string | undefined = nodeId;
  const seen = new Set<string>();
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    const node = byId.get(id);
    if (node?.type === "criterion") {
      return node.data.kind === "filter" ? null : node.data.activity;
    }
    id = parentOf.get(id);
  }
  // Not connected to a criterion yet.
  return undefined;
}

/**
 * Copies of `ids` (and the edges among them) with fresh ids, offset so they do not cover the
 * originals. Criteria get fresh criterion ids too (they must be unique in the document).
 */
export function duplicateNodes(
  graph: Graph,
  ids: ReadonlySet<string>,
  newId: () => string,
  offset: XY = { x: 40, y: 40 },
): Graph {
  const map = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const node of graph.nodes) {
    if (!ids.has(node.id)) continue;
    const id = newId();
    map.set(node.id, id);
    const position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
    if (node.type === "criterion") {
      nodes.push({ ...node, id, position, data: { ...node.data, id } });
    } else {
      nodes.push({ ...node, id, position, data: structuredClone(node.data) } as GraphNode);
    }
  }
  const edges: GraphEdge[] = [];
  for (const e of graph.edges) {
    const source = map.get(e.source);
    const target = map.get(e.target);
    if (source && target) edges.push({ id: edgeId(source, target), source, target });
  }
  return { nodes, edges };
}
