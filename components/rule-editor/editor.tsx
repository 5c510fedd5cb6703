"use client";
import "@xyflow/react/dist/style.css";
import "./editor.css";
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from "@xyflow/react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  createRegistry,
  ModelDocument,
  validateModel,
  type FieldType,
  type ValidationIssue,
} from "@/core/scoring";
import { errorInfo } from "@/trpc/errors";
import { useTRPC, useTRPCClient } from "@/trpc/client";
import type { ScoreModelDetail } from "@/trpc/types";
import { makeLabeler } from "../score-models/registry-labels";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Dialog, DialogBody, DialogFooter } from "../ui/dialog";
import { Textarea } from "../ui/field";
import { WarningIcon } from "../ui/icons";
import { useToast } from "../ui/toast";
import { EditorViewContext, type EditorView } from "./context";
import {
  activityScope,
  documentToGraph,
  duplicateNodes,
  edgeId,
  graphToDocument,
  graphToLayout,
  nodeForIssuePath,
  parseLayout,
  settingsOf,
  wouldCycle,
  type Graph,
  type GraphIssue,
  type GraphNode,
  type ModelSettings,
} from "./graph";
import {
  CriterionInspector,
  defaultValue,
  fieldOptions,
  GroupInspector,
  NodeActions,
  RuleInspector,
} from "./inspector";
import { nodeTypes } from "./nodes";
import { Palette } from "./palette";
import { PreviewPanel } from "./preview-panel";
import { SettingsPanel } from "./settings-panel";
import type { EditorEdge, EditorNode, PaletteKind } from "./types";

const AUTOSAVE_MS = 800;
const PREVIEW_DEBOUNCE_MS = 250;
/** Edits to the same thing within this window are one undo step (typing a label). */
const COALESCE_MS = 1000;

interface EditorState {
  nodes: EditorNode[];
  edges: EditorEdge[];
  settings: ModelSettings;
}

type SaveState =
  | { status: "saved" }
  | { status: "dirty" }
  | { status: "saving" }
  | { status: "conflict"; message: string }
  | { status: "error"; message: string };

const EDGE_DEFAULTS = { type: "smoothstep" } as const;

function toEdges(graph: Graph): EditorEdge[] {
  return graph.edges.map((e) => ({ ...e, ...EDGE_DEFAULTS }));
}

function toGraph(nodes: EditorNode[], edges: EditorEdge[]): Graph {
  return {
    nodes: nodes.map(
      (n) => ({ id: n.id, type: n.type, position: n.position, data: n.data }) as GraphNode,
    ),
    edges: edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

function initialState(model: ScoreModelDetail): EditorState {
  const draft = model.draft as ModelDocument;
  const graph = documentToGraph(draft, parseLayout(model.layout));
  return { nodes: graph.nodes as EditorNode[], edges: toEdges(graph), settings: settingsOf(draft) };
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !["checkbox", "radio", "button"].includes(target.type)
  );
}

/** Problems the validator accepts but a person almost certainly did not mean. */
function ruleLint(node: EditorNode): string | null {
  if (node.type !== "rule") return null;
  const { operator, value } = node.data;
  if (
    ["eq", "neq", "contains", "not_contains", "starts_with", "ends_with"].includes(operator) &&
    value === ""
  ) {
    return "Enter a value.";
  }
  if ((operator === "in" || operator === "not_in") && Array.isArray(value) && value.length === 0) {
    return "Add at least one value.";
  }
  return null;
}

export function ModelEditor(props: {
  model: ScoreModelDetail;
  readOnly: boolean;
  onPublished?: () => void;
}) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  );
}

function EditorInner({
  model,
  readOnly,
  onPublished,
}: {
  model: ScoreModelDetail;
  readOnly: boolean;
  onPublished?: () => void;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const toast = useToast();
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const [state, setState] = useState<EditorState>(() => initialState(model));
  const stateRef = useRef(state);
  const past = useRef<EditorState[]>([]);
  const future = useRef<EditorState[]>([]);
  const lastCommit = useRef<{ key: string; at: number } | null>(null);
  const [historySize, setHistorySize] = useState({ past: 0, future: 0 });
  const clipboard = useRef<Graph | null>(null);

  /** Applies a change; with `history`, it becomes an undo step (coalesced by key). */
  const update = useCallback((fn: (s: EditorState) => EditorState, history?: string | true) => {
    const prev = stateRef.current;
    const next = fn(prev);
    if (next === prev) return;
    if (history) {
      const now = Date.now();
      const key = history === true ? null : history;
      const last = lastCommit.current;
      if (!(key && last && last.key === key && now - last.at < COALESCE_MS)) {
        past.current = [...past.current.slice(-99), prev];
      }
      lastCommit.current = key ? { key, at: now } : null;
      future.current = [];
      setHistorySize({ past: past.current.length, future: 0 });
    }
    stateRef.current = next;
    setState(next);
  }, []);

  const undo = useCallback(() => {
    const prev = past.current.at(-1);
    if (!prev) return;
    past.current = past.current.slice(0, -1);
    future.current = [...future.current, stateRef.current];
    lastCommit.current = null;
    stateRef.current = prev;
    setState(prev);
    setHistorySize({ past: past.current.length, future: future.current.length });
  }, []);

  const redo = useCallback(() => {
    const next = future.current.at(-1);
    if (!next) return;
    future.current = future.current.slice(0, -1);
    past.current = [...past.current, stateRef.current];
    lastCommit.current = null;
    stateRef.current = next;
    setState(next);
    setHistorySize({ past: past.current.length, future: future.current.length });
  }, []);

  // --- Derived: document, validation, issues per node -------------------------------------
  const registry = useMemo(
    () =>
      createRegistry({
        fields: model.registry.fields.map((f) => ({
          key: f.key,
          type: f.type as FieldType,
          options: f.options,
        })),
        activities: model.registry.activities.map((a) => ({
          key: a.key,
          properties: a.properties as Record<string, FieldType>,
        })),
      }),
    [model.registry],
  );
  const labels = useMemo(() => makeLabeler(model.registry), [model.registry]);
  const graph = useMemo(() => toGraph(state.nodes, state.edges), [state.nodes, state.edges]);
  const result = useMemo(() => graphToDocument(state.settings, graph), [state.settings, graph]);
  const docJson = useMemo(() => JSON.stringify(result.document), [result.document]);
  const layoutJson = useMemo(() => JSON.stringify(graphToLayout(graph, result)), [graph, result]);
  // Keyed on the JSON so dragging a node (same document) does not re-run the validator.
  const validation = useMemo(
    () => validateModel(JSON.parse(docJson) as unknown, registry),
    [docJson, registry],
  );

  const { nodeIssues, settingsIssues, otherIssues, issueCount } = useMemo(() => {
    const map = new Map<string, string[]>();
    const add = (id: string, message: string) => map.set(id, [...(map.get(id) ?? []), message]);
    const settings: ValidationIssue[] = [];
    const other: ValidationIssue[] = [];
    const issues = validation.ok ? [] : validation.issues;
    for (const issue of issues) {
      const nodeId = nodeForIssuePath(issue.path, result.pathToNode);
      if (nodeId) add(nodeId, issue.message);
      else if (issue.path.startsWith("criteria")) other.push(issue);
      else settings.push(issue);
    }
    const graphIssues: GraphIssue[] = [...result.issues];
    for (const node of state.nodes) {
      const lint = ruleLint(node);
      if (lint) graphIssues.push({ nodeId: node.id, message: lint });
    }
    for (const g of graphIssues) add(g.nodeId, g.message);
    return {
      nodeIssues: map,
      settingsIssues: settings,
      otherIssues: other,
      issueCount: issues.length + graphIssues.length,
    };
  }, [validation, result, state.nodes]);

  const view: EditorView = useMemo(
    () => ({ issues: nodeIssues, labels, modelHalfLife: state.settings.halfLifeDays, readOnly }),
    [nodeIssues, labels, state.settings.halfLifeDays, readOnly],
  );

  // --- Autosave ------------------------------------------------------------------------------
  const saved = useRef({ doc: docJson, layout: layoutJson });
  // The same, as state, for rendering ("Unsaved changes"); the ref serves the async save loop.
  const [savedSnapshot, setSavedSnapshot] = useState({ doc: docJson, layout: layoutJson });
  const revision = useRef(model.draftRevision);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const [save, setSave] = useState<SaveState>({ status: "saved" });
  const latest = useRef({ docJson, layoutJson });
  useEffect(() => {
    latest.current = { docJson, layoutJson };
  }, [docJson, layoutJson]);
  const conflicted = save.status === "conflict";

  /** Saves what is on screen now; resolves true when the server has it. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const { docJson: doc, layoutJson: layout } = latest.current;
    if (doc === saved.current.doc && layout === saved.current.layout) return true;
    const document: unknown = JSON.parse(doc);
    if (!ModelDocument.safeParse(document).success) {
      setSave({ status: "error", message: "Not saved: fix the highlighted fields." });
      return false;
    }
    setSave({ status: "saving" });
    const run = (async () => {
      try {
        const res = await client.scoreModel.updateDraft.mutate({
          key: model.key,
          document,
          expectedRevision: revision.current,
          layout: JSON.parse(layout) as Record<string, unknown>,
        });
        revision.current = res.draftRevision;
        saved.current = { doc, layout };
        setSavedSnapshot(saved.current);
        const now = latest.current;
        setSave(
          now.docJson === doc && now.layoutJson === layout
            ? { status: "saved" }
            : { status: "dirty" },
        );
        return true;
      } catch (error) {
        const info = errorInfo(error);
        setSave(
          info.code === "CONFLICT"
            ? { status: "conflict", message: info.message }
            : { status: "error", message: `Not saved: ${info.message}` },
        );
        return false;
      }
    })();
    inFlight.current = run;
    const ok = await run;
    inFlight.current = null;
    return ok;
  }, [client, model.key]);

  const dirty = docJson !== savedSnapshot.doc || layoutJson !== savedSnapshot.layout;
  useEffect(() => {
    if (readOnly || conflicted || !dirty) return;
    const timer = setTimeout(() => void flush(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [docJson, layoutJson, readOnly, conflicted, dirty, flush]);

  useEffect(() => {
    // In a conflict the edits cannot be saved anyway; warning would only block "Reload".
    if (!dirty || readOnly || conflicted) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, readOnly, conflicted]);

  const saveLabel = conflicted
    ? "Conflict"
    : save.status === "saving"
      ? "Saving…"
      : save.status === "error"
        ? save.message
        : dirty
          ? "Unsaved changes"
          : "Saved";

  // --- Preview -------------------------------------------------------------------------------
  const previewable = validation.ok && issueCount === 0 ? docJson : null;
  const [previewDoc, setPreviewDoc] = useState(previewable);
  useEffect(() => {
    if (previewable === null) return;
    const t = setTimeout(() => setPreviewDoc(previewable), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [previewable]);
  const preview = useQuery({
    queryKey: ["scoreModel.preview", model.key, previewDoc],
    queryFn: () =>
      client.scoreModel.preview.mutate({
        key: model.key,
        document: JSON.parse(previewDoc ?? "null") as unknown,
      }),
    enabled: previewDoc !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const previewData = preview.data?.ok ? preview.data : null;

  // --- Graph editing -------------------------------------------------------------------------
  const onNodesChange = useCallback(
    (changes: NodeChange<EditorNode>[]) => {
      // Removal goes through deleteSelection (one undo step, edges included).
      const kept = changes.filter((c) => c.type !== "remove");
      if (kept.length) update((s) => ({ ...s, nodes: applyNodeChanges(kept, s.nodes) }));
    },
    [update],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<EditorEdge>[]) => {
      const kept = changes.filter((c) => c.type !== "remove");
      if (kept.length) update((s) => ({ ...s, edges: applyEdgeChanges(kept, s.edges) }));
    },
    [update],
  );

  const connectionProblem = useCallback((c: Connection | EditorEdge): string | null => {
    const s = stateRef.current;
    const source = s.nodes.find((n) => n.id === c.source);
    const target = s.nodes.find((n) => n.id === c.target);
    if (!source || !target || source.id === target.id) return "";
    if (source.type === "rule") return "A rule has no outputs.";
    if (target.type === "criterion")
      return "Connect a criterion to a rule or group, not to another criterion.";
    if (s.edges.some((e) => e.target === target.id))
      return "That condition is already connected; each has one parent.";
    if (source.type === "criterion" && s.edges.some((e) => e.source === source.id)) {
      return "A criterion takes one condition: connect a group to it to combine several.";
    }
    if (wouldCycle(s.edges, source.id, target.id)) return "That would make a loop.";
    return null;
  }, []);

  const isValidConnection: IsValidConnection<EditorEdge> = useCallback(
    (c) => connectionProblem(c) === null,
    [connectionProblem],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const problem = connectionProblem(c);
      if (problem) {
        if (problem) toast.error("Cannot connect", problem);
        return;
      }
      update(
        (s) => ({
          ...s,
          edges: [
            ...s.edges,
            {
              id: edgeId(c.source, c.target),
              source: c.source,
              target: c.target,
              ...EDGE_DEFAULTS,
            },
          ],
        }),
        true,
      );
    },
    [connectionProblem, toast, update],
  );

  const newNode = useCallback(
    (kind: PaletteKind, position: { x: number; y: number }): EditorNode => {
      const id = crypto.randomUUID();
      const firstActivity = model.registry.activities[0];
      const activity = firstActivity?.key ?? "activity";
      const activityLabel = firstActivity?.label ?? "Activity";
      switch (kind) {
        case "filter":
          return {
            id,
            type: "criterion",
            position,
            data: { id, kind: "filter", label: "Filter", points: 10 },
          };
        case "activity":
          return {
            id,
            type: "criterion",
            position,
            data: { id, kind: "activity", label: activityLabel, points: 5, activity },
          };
        case "negative":
          return {
            id,
            type: "criterion",
            position,
            data: {
              id,
              kind: "activity",
              label: `Negative: ${activityLabel}`,
              points: -10,
              activity,
            },
          };
        case "inactivity":
          return {
            id,
            type: "criterion",
            position,
            data: {
              id,
              kind: "inactivity",
              label: `No ${activityLabel.toLowerCase()} for 30 days`,
              points: -10,
              activity,
              days: 30,
            },
          };
        case "group":
          return { id, type: "group", position, data: { combinator: "and" } };
        case "rule": {
          const field =
            model.registry.fields.find((f) => f.key === "country") ?? model.registry.fields[0];
          const type = (field?.type ?? "text") as FieldType;
          const operator =
            type === "enum"
              ? "in"
              : type === "boolean"
                ? "is_true"
                : type === "date"
                  ? "within_last_days"
                  : "eq";
          const value = defaultValue(type, operator);
          return {
            id,
            type: "rule",
            position,
            data:
              value === undefined
                ? { field: `contact.${field?.key ?? "email"}`, operator }
                : { field: `contact.${field?.key ?? "email"}`, operator, value },
          };
        }
      }
    },
    [model.registry],
  );

  const addNodes = useCallback(
    (nodes: EditorNode[], edges: EditorEdge[] = []) => {
      update(
        (s) => ({
          ...s,
          nodes: [
            ...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
            ...nodes.map((n) => ({ ...n, selected: true })),
          ],
          edges: [...s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges],
        }),
        true,
      );
    },
    [update],
  );

  const addFromPalette = useCallback(
    (kind: PaletteKind, at: { x: number; y: number } | null) => {
      const rect = canvasRef.current?.getBoundingClientRect();
      if (!rect) return;
      let point = at;
      if (point) {
        const inside =
          point.x >= rect.left &&
          point.x <= rect.right &&
          point.y >= rect.top &&
          point.y <= rect.bottom;
        if (!inside) return;
      } else {
        const n = stateRef.current.nodes.length % 5;
        point = {
          x: rect.left + rect.width / 2 - 100 + n * 24,
          y: rect.top + rect.height / 2 - 40 + n * 24,
        };
      }
      const position = flow.screenToFlowPosition(point);
      // The drop point is where the pointer holds the node: a little inside its top-left corner.
      addNodes([newNode(kind, { x: position.x - 24, y: position.y - 16 })]);
    },
    [addNodes, flow, newNode],
  );

  const addChild = useCallback(
    (parentId: string, kind: "rule" | "group") => {
      const s = stateRef.current;
      const parent = s.nodes.find((n) => n.id === parentId);
      if (!parent) return;
      const siblings = s.edges.filter((e) => e.source === parentId).length;
      const node = newNode(kind, {
        x: parent.position.x + (parent.type === "criterion" ? 320 : 220),
        y: parent.position.y + siblings * 96,
      });
      addNodes(
        [node],
        [{ id: edgeId(parentId, node.id), source: parentId, target: node.id, ...EDGE_DEFAULTS }],
      );
    },
    [addNodes, newNode],
  );

  const deleteSelection = useCallback(() => {
    update((s) => {
      const gone = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      const edges = s.edges.filter(
        (e) => !e.selected && !gone.has(e.source) && !gone.has(e.target),
      );
      if (gone.size === 0 && edges.length === s.edges.length) return s;
      return { ...s, nodes: s.nodes.filter((n) => !gone.has(n.id)), edges };
    }, true);
  }, [update]);

  const copy = useCallback(() => {
    const s = stateRef.current;
    const ids = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
    if (!ids.size) return;
    const g = toGraph(s.nodes, s.edges);
    clipboard.current = {
      nodes: g.nodes.filter((n) => ids.has(n.id)),
      edges: g.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
  }, []);

  const paste = useCallback(() => {
    const clip = clipboard.current;
    if (!clip) return;
    const copy = duplicateNodes(clip, new Set(clip.nodes.map((n) => n.id)), () =>
      crypto.randomUUID(),
    );
    // Pasting again offsets again, so copies do not stack exactly.
    clipboard.current = copy;
    addNodes(copy.nodes as EditorNode[], toEdges(copy));
  }, [addNodes]);

  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTextEntry(e.target)) return;
      const active = document.activeElement;
      const inEditor = !active || active === document.body || rootRef.current?.contains(active);
      if (!inEditor || document.querySelector("dialog[open]")) return;
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      if (mod && key === "z") {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (mod && key === "y") {
        e.preventDefault();
        redo();
      } else if (mod && key === "c") {
        copy();
      } else if (mod && key === "v") {
        e.preventDefault();
        paste();
      } else if (!mod && (e.key === "Delete" || e.key === "Backspace")) {
        e.preventDefault();
        deleteSelection();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [copy, deleteSelection, paste, readOnly, redo, undo]);

  // First view: fit when the graph is small, otherwise start at a legible zoom from the top-left
  // (fitView would centre a tall model and cut off its first criteria).
  const nodesInitialized = useNodesInitialized();
  const placed = useRef(false);
  useEffect(() => {
    if (!nodesInitialized || placed.current) return;
    placed.current = true;
    const rect = canvasRef.current?.getBoundingClientRect();
    const nodes = flow.getNodes();
    if (!rect || nodes.length === 0) return;
    const b = flow.getNodesBounds(nodes);
    const pad = 32;
    const fit = Math.min((rect.width - 2 * pad) / b.width, (rect.height - 2 * pad) / b.height);
    const zoom = Math.max(0.7, Math.min(1, fit));
    const centre = (space: number, size: number, origin: number) =>
      size * zoom <= space - 2 * pad
        ? (space - size * zoom) / 2 - origin * zoom
        : pad - origin * zoom;
    void flow.setViewport({
      x: centre(rect.width, b.width, b.x),
      y: centre(rect.height, b.height, b.y),
      zoom,
    });
  }, [nodesInitialized, flow]);

  // --- Publishing ----------------------------------------------------------------------------
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState("");
  const publish = useMutation(
    trpc.scoreModel.publish.mutationOptions({
      onSuccess: async (res) => {
        setPublishing(false);
        setNote("");
        toast.success(
          `Published v${res.version}`,
          res.runId ? "Rescoring every contact in the background." : undefined,
        );
        await queryClient.invalidateQueries({
          queryKey: trpc.scoreModel.get.queryKey({ key: model.key }),
        });
        await queryClient.invalidateQueries({ queryKey: trpc.scoreModel.list.queryKey() });
        onPublished?.();
      },
      onError: (error) => toast.error("Could not publish", errorInfo(error).message),
    }),
  );
  const canPublish = !readOnly && issueCount === 0 && !conflicted && save.status !== "error";

  async function confirmPublish() {
    if (!(await flush())) return;
    publish.mutate({ key: model.key, note: note.trim() || undefined });
  }

  // --- Render --------------------------------------------------------------------------------
  const selected = state.nodes.filter((n) => n.selected);
  const only = selected.length === 1 ? selected[0] : undefined;
  const setNodeData = (id: string, data: EditorNode["data"]) =>
    update(
      (s) => ({
        ...s,
        nodes: s.nodes.map((n) => (n.id === id ? ({ ...n, data } as EditorNode) : n)),
      }),
      `node:${id}`,
    );

  return (
    <EditorViewContext.Provider value={view}>
      <div
        ref={rootRef}
        className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs"
        data-testid="model-editor"
      >
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 px-4 py-2.5">
          <div className="flex min-w-0 items-center gap-3">
            <h2 className="text-sm font-semibold text-zinc-900">Draft</h2>
            {readOnly ? (
              <span className="text-xs text-zinc-500">
                Read only: your role cannot edit models.
              </span>
            ) : (
              <SaveIndicator
                status={
                  conflicted
                    ? "conflict"
                    : save.status === "error"
                      ? "error"
                      : save.status === "saving"
                        ? "saving"
                        : dirty
                          ? "dirty"
                          : "saved"
                }
                label={saveLabel}
              />
            )}
          </div>
          <div className="flex items-center gap-2">
            {issueCount > 0 ? (
              <span
                className="inline-flex items-center gap-1.5 text-xs font-medium text-red-700"
                data-testid="issue-count"
              >
                <WarningIcon className="size-4" />
                {issueCount} {issueCount === 1 ? "issue" : "issues"} to fix before publishing
              </span>
            ) : null}
            {readOnly ? null : (
              <>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={undo}
                  disabled={historySize.past === 0}
                  aria-label="Undo"
                  title="Undo (Ctrl+Z)"
                  aria-keyshortcuts="Control+Z Meta+Z"
                >
                  <UndoIcon />
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={redo}
                  disabled={historySize.future === 0}
                  aria-label="Redo"
                  title="Redo (Shift+Ctrl+Z)"
                  aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
                >
                  <UndoIcon className="-scale-x-100" />
                </Button>
                <Button
                  size="sm"
                  variant="primary"
                  disabled={!canPublish}
                  onClick={() => setPublishing(true)}
                  title={issueCount ? "Fix the issues marked on the canvas first" : undefined}
                >
                  Publish…
                </Button>
              </>
            )}
          </div>
        </div>

        {conflicted ? (
          <div
            role="alert"
            className="flex items-center justify-between gap-4 border-b border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900"
            data-testid="conflict-banner"
          >
            <p className="flex items-center gap-2">
              <WarningIcon className="size-4 shrink-0" />
              This draft was changed elsewhere (another tab or person). Your latest edits were not
              saved.
            </p>
            <Button size="sm" onClick={() => window.location.reload()}>
              Reload
            </Button>
          </div>
        ) : null}

        <div className="grid grid-cols-[minmax(0,1fr)_340px]">
          <div className="flex min-w-0 flex-col border-r border-zinc-200">
            {readOnly ? null : (
              <div className="border-b border-zinc-100 bg-zinc-50/70 px-3 py-2">
                <Palette onAdd={addFromPalette} disabled={conflicted} />
              </div>
            )}
            <div ref={canvasRef} className="relative h-[600px] bg-zinc-50/40" data-testid="canvas">
              <ReactFlow<EditorNode, EditorEdge>
                nodes={state.nodes}
                edges={state.edges}
                nodeTypes={nodeTypes}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onConnect={onConnect}
                isValidConnection={isValidConnection}
                onNodeDragStart={() => update((s) => ({ ...s }), true)}
                deleteKeyCode={null}
                nodesDraggable={!readOnly}
                nodesConnectable={!readOnly}
                defaultEdgeOptions={EDGE_DEFAULTS}
                minZoom={0.25}
                maxZoom={1.75}
                proOptions={{ hideAttribution: true }}
                aria-label="Score model canvas"
                className="scorecraft-flow"
              >
                <Background variant={BackgroundVariant.Dots} gap={16} size={1} color="#d4d4d8" />
                <Controls showInteractive={false} position="bottom-right" />
              </ReactFlow>
              {state.nodes.length === 0 ? (
                <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
                  <div className="max-w-xs rounded-lg border border-dashed border-zinc-300 bg-white/80 px-5 py-4 text-center">
                    <p className="text-sm font-medium text-zinc-900">Drag a criterion here</p>
                    <p className="mt-1 text-xs text-zinc-500">
                      Filters and activities add points; connect rules to their right-hand handle to
                      narrow what counts.
                    </p>
                  </div>
                </div>
              ) : null}
            </div>
          </div>

          <div className="flex h-[645px] min-h-0 flex-col">
            <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4" data-testid="inspector">
              <InspectorHeader
                node={only}
                count={selected.length}
                onBack={() =>
                  update((s) => ({
                    ...s,
                    nodes: s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
                  }))
                }
              />
              {otherIssues.length ? (
                <ul className="mb-3 space-y-1 rounded-md bg-red-50 px-3 py-2 text-xs text-red-700">
                  {otherIssues.map((i, k) => (
                    <li key={k}>{i.message}</li>
                  ))}
                </ul>
              ) : null}
              {only ? (
                <div className="space-y-4">
                  {only.type === "criterion" ? (
                    <CriterionInspector
                      condition={result.document.criteria.find((c) => c.id === only.data.id)?.where}
                      labels={labels}
                      data={only.data}
                      registry={model.registry}
                      modelHalfLife={state.settings.halfLifeDays}
                      readOnly={readOnly}
                      onChange={(d) => setNodeData(only.id, d)}
                    />
                  ) : only.type === "group" ? (
                    <GroupInspector
                      data={only.data}
                      readOnly={readOnly}
                      onChange={(d) => setNodeData(only.id, d)}
                    />
                  ) : (
                    <RuleInspector
                      data={only.data}
                      fields={fieldOptions(model.registry, activityScope(graph, only.id))}
                      readOnly={readOnly}
                      onChange={(d) => setNodeData(only.id, d)}
                    />
                  )}
                  {nodeIssues.get(only.id)?.length ? (
                    <ul
                      className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-xs text-red-700"
                      data-testid="inspector-issues"
                    >
                      {nodeIssues.get(only.id)?.map((m, k) => (
                        <li key={k}>{m}</li>
                      ))}
                    </ul>
                  ) : null}
                  <NodeActions
                    node={only}
                    readOnly={readOnly}
                    hasCondition={state.edges.some((e) => e.source === only.id)}
                    onAddChild={(kind) => addChild(only.id, kind)}
                    onDelete={deleteSelection}
                  />
                </div>
              ) : selected.length > 1 ? (
                <div className="space-y-3 text-sm text-zinc-600">
                  <p>{selected.length} nodes selected.</p>
                  {readOnly ? null : (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-red-700 hover:bg-red-50"
                      onClick={deleteSelection}
                    >
                      Delete selected
                    </Button>
                  )}
                </div>
              ) : (
                <SettingsPanel
                  settings={state.settings}
                  readOnly={readOnly}
                  issues={settingsIssues}
                  onChange={(settings) => update((s) => ({ ...s, settings }), "settings")}
                />
              )}
            </div>
            <div className="border-t border-zinc-200 bg-white px-4 py-3">
              <PreviewPanel
                data={previewData}
                fetching={preview.isFetching}
                blocked={
                  previewable === null
                    ? "Fix the issues on the canvas to update the preview."
                    : null
                }
                error={preview.error ? errorInfo(preview.error).message : null}
              />
            </div>
          </div>
        </div>
      </div>

      <Dialog
        open={publishing}
        onClose={() => setPublishing(false)}
        busy={publish.isPending}
        title={`Publish ${state.settings.emoji} ${state.settings.name}`}
        description={
          model.enabled
            ? "Publishing creates the next immutable version and rescores every contact in the background."
            : "Publishing creates the next immutable version. The model is off, so nothing is rescored until it is switched on."
        }
      >
        <form
          className="flex min-h-0 flex-1 flex-col"
          onSubmit={(e) => {
            e.preventDefault();
            void confirmPublish();
          }}
        >
          <DialogBody>
            <label htmlFor="publish-note" className="block text-sm font-medium text-zinc-800">
              Note <span className="font-normal text-zinc-500">(optional)</span>
            </label>
            <Textarea
              id="publish-note"
              data-autofocus
              className="mt-1.5"
              rows={3}
              maxLength={500}
              value={note}
              placeholder="What changed and why"
              onChange={(e) => setNote(e.target.value)}
            />
          </DialogBody>
          <DialogFooter>
            <Button onClick={() => setPublishing(false)} disabled={publish.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={publish.isPending}>
              Publish v{(model.published?.version ?? 0) + 1}
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </EditorViewContext.Provider>
  );
}

function InspectorHeader({
  node,
  count,
  onBack,
}: {
  node: EditorNode | undefined;
  count: number;
  onBack: () => void;
}) {
  const title = !node
    ? count > 1
      ? "Selection"
      : "Model settings"
    : node.type === "criterion"
      ? node.data.kind === "filter"
        ? "Filter criterion"
        : node.data.kind === "inactivity"
          ? "Inactivity criterion"
          : node.data.points < 0
            ? "Negative activity"
            : "Activity criterion"
      : node.type === "group"
        ? "Condition group"
        : "Rule";
  return (
    <div className="mb-4 flex items-center justify-between gap-2">
      <h3 className="text-sm font-semibold text-zinc-900" data-testid="inspector-title">
        {title}
      </h3>
      {count > 0 ? (
        <button
          type="button"
          onClick={onBack}
          className="text-xs font-medium text-indigo-600 hover:text-indigo-500"
        >
          Model settings
        </button>
      ) : null}
    </div>
  );
}

function SaveIndicator({
  status,
  label,
}: {
  status: "saved" | "dirty" | "saving" | "conflict" | "error";
  label: string;
}) {
  return (
    <span
      role="status"
      data-testid="save-state"
      data-status={status}
      className={cn(
        "inline-flex items-center gap-1.5 text-xs font-medium",
        status === "saved" && "text-zinc-500",
        status === "dirty" && "text-zinc-600",
        status === "saving" && "text-zinc-600",
        (status === "conflict" || status === "error") && "text-red-700",
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "size-1.5 rounded-full",
          status === "saved" && "bg-emerald-500",
          (status === "dirty" || status === "saving") && "bg-amber-400",
          (status === "conflict" || status === "error") && "bg-red-500",
        )}
      />
      {label}
    </span>
  );
}

function UndoIcon({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={cn("size-4", className)}
      aria-hidden="true"
    >
      <path d="M9 14 4 9l5-5" />
      <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
    </svg>
  );
}
