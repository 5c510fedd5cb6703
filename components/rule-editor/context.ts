"use client";
import { createContext, useContext } from "react";
import type { Labeler } from "../score-models/registry-labels";

export interface EditorView {
  /** Issue messages per node id (validator issues mapped by path, plus graph issues). */
  issues: ReadonlyMap<string, string[]>;
  labels: Labeler;
  /** The model's half-life, shown on activity criteria that do not override it. */
  modelHalfLife: number | null;
  readOnly: boolean;
}

/**
 * Node components are declared once at module scope (React Flow remounts nodes when `nodeTypes`
 * changes identity), so what they need besides their own data comes through context.
 */
export const EditorViewContext = createContext<EditorView | null>(null);

export function useEditorView(): EditorView {
  const view = useContext(EditorViewContext);
  if (!view) throw new Error("useEditorView must be used inside the score-model editor");
  return view;
}
