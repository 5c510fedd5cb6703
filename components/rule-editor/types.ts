import type { Edge, Node } from "@xyflow/react";
import type { CriterionData, GroupData, RuleData } from "./graph";

export type CriterionNode = Node<CriterionData, "criterion">;
export type GroupNode = Node<GroupData, "group">;
export type RuleNode = Node<RuleData, "rule">;
export type EditorNode = CriterionNode | GroupNode | RuleNode;
export type EditorEdge = Edge;

/** What the palette can add. */
export const PALETTE_KINDS = [
  "filter",
  "activity",
  "negative",
  "inactivity",
  "group",
  "rule",
] as const;
export type PaletteKind = (typeof PALETTE_KINDS)[number];
