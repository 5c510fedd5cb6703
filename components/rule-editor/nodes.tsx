"use client";
import { Handle, Position, type NodeProps, type NodeTypes } from "@xyflow/react";
import type { ReactNode } from "react";
import type { Criterion } from "@/core/scoring/document";
import { ConditionView } from "../score-models/condition-view";
import { criterionPresentation } from "../score-models/criterion-card";
import { formatPoints } from "../score/format";
import { cn } from "../ui/cn";
import { WarningIcon } from "../ui/icons";
import { useEditorView } from "./context";
import type { CriterionNode as CriterionNodeType, GroupNode, RuleNode } from "./types";

const HANDLE =
  "!size-3 !border-2 !border-white !bg-zinc-400 transition-colors hover:!bg-indigo-500";

function days(n: number): string {
  const v = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(n);
  return `${v} ${n === 1 ? "day" : "days"}`;
}

function Issues({ messages }: { messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <ul
      className="space-y-1 border-t border-red-200 bg-red-50 px-3 py-2 text-xs text-red-700"
      data-testid="node-issues"
    >
      {messages.map((m, i) => (
        <li key={i} className="flex items-start gap-1.5">
          <WarningIcon className="mt-px size-3.5 shrink-0" />
          <span>{m}</span>
        </li>
      ))}
    </ul>
  );
}

function Shell({
  id,
  selected,
  testId,
  label,
  className,
  children,
}: {
  id: string;
  selected: boolean;
  testId: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const { issues } = useEditorView();
  const messages = issues.get(id);
  const invalid = Boolean(messages?.length);
  return (
    <div
      data-testid={testId}
      data-node-id={id}
      data-invalid={invalid || undefined}
      aria-label={label}
      className={cn(
        "overflow-hidden rounded-lg border bg-white text-left shadow-sm transition-shadow",
        invalid ? "border-red-400 ring-2 ring-red-400/30" : "border-zinc-200",
        selected && (invalid ? "ring-red-500/50" : "border-indigo-500 ring-2 ring-indigo-500/25"),
        className,
      )}
    >
      {children}
      <Issues messages={messages} />
    </div>
  );
}

function CriterionNodeView({ id, data, selected }: NodeProps<CriterionNodeType>) {
  const { labels, modelHalfLife } = useEditorView();
  const p = criterionPresentation({ ...data, where: null } as Criterion);
  const Icon = p.icon;
  let detail: ReactNode = "Contact filter";
  let meta: string | null = null;
  if (data.kind === "activity") {
    const h = data.halfLifeDays === undefined ? modelHalfLife : data.halfLifeDays;
    detail = (
      <>
        Each <span className="font-medium text-zinc-700">{labels.activity(data.activity)}</span>
      </>
    );
    meta = [
      h === null ? "no decay" : `half-life ${days(h)}`,
      data.maxPoints !== undefined ? `cap ${formatPoints(data.maxPoints).replace("+", "")}` : null,
    ]
      .filter(Boolean)
      .join(" · ");
  } else if (data.kind === "inactivity") {
    detail = (
      <>
        No <span className="font-medium text-zinc-700">{labels.activity(data.activity)}</span>
      </>
    );
    meta = `for ${days(data.days)}`;
  }
  return (
    <Shell
      id={id}
      selected={selected}
      testId="criterion-node"
      label={`${p.label}: ${data.label}`}
      className="w-[272px]"
    >
      <div className="flex items-start gap-2.5 px-3 py-2.5">
        <span
          className={cn(
            "flex size-8 shrink-0 items-center justify-center rounded-md ring-1 ring-inset",
            p.tone,
          )}
        >
          <Icon className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-start justify-between gap-2">
            <p className="text-[10px] font-semibold tracking-wide text-zinc-500 uppercase">
              {p.label}
            </p>
            <span
              data-testid="criterion-points"
              className={cn(
                "-mt-0.5 shrink-0 rounded px-1.5 py-px text-xs font-semibold tabular-nums ring-1 ring-inset",
                data.points > 0 && "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
                data.points < 0 && "bg-red-50 text-red-700 ring-red-600/20",
                data.points === 0 && "bg-zinc-50 text-zinc-600 ring-zinc-300",
              )}
            >
              {formatPoints(data.points)}
            </span>
          </div>
          <p className="truncate text-sm font-semibold text-zinc-900">{data.label}</p>
          <p className="mt-0.5 truncate text-xs text-zinc-500">{detail}</p>
          {meta ? <p className="truncate text-xs text-zinc-500">{meta}</p> : null}
        </div>
      </div>
      <Handle
        type="source"
        position={Position.Right}
        className={HANDLE}
        aria-label="Condition (where)"
      />
    </Shell>
  );
}

function GroupNodeView({ id, data, selected }: NodeProps<GroupNode>) {
  const negate = data.negate ?? false;
  const title =
    data.combinator === "and" ? (negate ? "Not all of" : "All of") : negate ? "None of" : "Any of";
  return (
    <Shell
      id={id}
      selected={selected}
      testId="group-node"
      label={`Group: ${title}`}
      className="w-40"
    >
      <Handle type="target" position={Position.Left} className={HANDLE} />
      <div className="flex items-center gap-2 px-3 py-2.5">
        <span
          className={cn(
            "rounded px-1.5 py-0.5 text-[10px] font-semibold tracking-wide uppercase",
            data.combinator === "and"
              ? "bg-indigo-50 text-indigo-700"
              : "bg-amber-50 text-amber-800",
          )}
        >
          {data.combinator}
        </span>
        <span className={cn("text-sm font-medium", negate ? "text-red-700" : "text-zinc-900")}>
          {title}
        </span>
      </div>
      <Handle type="source" position={Position.Right} className={HANDLE} />
    </Shell>
  );
}

function RuleNodeView({ id, data, selected }: NodeProps<RuleNode>) {
  const { labels } = useEditorView();
  return (
    <Shell id={id} selected={selected} testId="rule-node" label="Rule" className="w-64">
      <Handle type="target" position={Position.Left} className={HANDLE} />
      <div className="px-3 py-2 text-xs">
        <p className="text-[10px] font-semibold tracking-wide text-zinc-500 uppercase">Rule</p>
        <div className="mt-0.5 line-clamp-2 text-[13px] leading-5" data-testid="rule-text">
          <ConditionView condition={{ kind: "rule", ...data }} labels={labels} />
        </div>
      </div>
    </Shell>
  );
}

export const nodeTypes = {
  criterion: CriterionNodeView,
  group: GroupNodeView,
  rule: RuleNodeView,
} satisfies NodeTypes;
