import type { ReactNode } from "react";
import type { Condition, Rule } from "@/core/scoring/document";
import { OPERATOR_PHRASES } from "@/core/scoring/phrases";
import { cn } from "../ui/cn";
import type { Labeler } from "./registry-labels";

/** Operator phrases: "Country is any of US, GB". */
export const PHRASE = OPERATOR_PHRASES;

const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function Value({ children }: { children: ReactNode }) {
  return (
    <span className="rounded bg-zinc-100 px-1.5 py-px font-medium text-zinc-800 ring-1 ring-zinc-200 ring-inset">
      {children}
    </span>
  );
}

function scalar(value: unknown, operator: Rule["operator"]): string {
  if ((operator === "before" || operator === "after") && typeof value === "string") {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return DATE.format(d);
  }
  if (typeof value === "string") return value;
  if (typeof value === "number") return new Intl.NumberFormat("en-US").format(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return JSON.stringify(value);
}

function RuleText({ rule, labels }: { rule: Rule; labels: Labeler }) {
  const { operator, value } = rule;
  let rendered: ReactNode = null;
  if (operator === "in" || operator === "not_in") {
    const items = Array.isArray(value) ? value : [value];
    rendered = items.map((v, i) => (
      <span key={i}>
        {i > 0 ? ", " : null}
        <Value>{scalar(v, operator)}</Value>
      </span>
    ));
  } else if (operator === "between" && Array.isArray(value)) {
    rendered = (
      <>
        <Value>{scalar(value[0], operator)}</Value> and <Value>{scalar(value[1], operator)}</Value>
      </>
    );
  } else if (operator === "within_last_days") {
    rendered = <Value>{`${scalar(value, operator)} days`}</Value>;
  } else if (operator === "more_than_days_ago") {
    rendered = (
      <>
        <Value>{`${scalar(value, operator)} days`}</Value> ago
      </>
    );
  } else if (
    value !== undefined &&
    !["is_set", "is_not_set", "is_true", "is_false"].includes(operator)
  ) {
    rendered = <Value>{scalar(value, operator)}</Value>;
  }
  return (
    <span className="leading-6">
      <span className="font-medium text-zinc-900">{labels.field(rule.field)}</span>{" "}
      <span className="text-zinc-600">{PHRASE[operator]}</span>
      {rendered ? <> {rendered}</> : null}
    </span>
  );
}

function groupHeading(combinator: "and" | "or", negate: boolean): string {
  if (combinator === "and") return negate ? "Not all of" : "All of";
  return negate ? "None of" : "Any of";
}

/** A condition tree as readable text, groups shown as nested blocks with AND / OR and NOT. */
export function ConditionView({
  condition,
  labels,
  depth = 0,
}: {
  condition: Condition;
  labels: Labeler;
  depth?: number;
}) {
  if (condition.kind === "rule") return <RuleText rule={condition} labels={labels} />;

  const negate = condition.negate ?? false;
  const { children, combinator } = condition;
  if (children.length === 0) {
    // SPEC §3: an empty AND is true, an empty OR is false.
    const holds = (combinator === "and") !== negate;
    return <span className="text-zinc-600">{holds ? "Always matches" : "Never matches"}</span>;
  }
  const only = children[0];
  if (children.length === 1 && !negate && only) {
    return <ConditionView condition={only} labels={labels} depth={depth} />;
  }
  return (
    <div
      className={cn(
        "space-y-1.5",
        depth > 0 && "rounded-md border border-zinc-200 bg-zinc-50/60 px-3 py-2",
      )}
      data-testid="condition-group"
    >
      <p className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">
        {negate ? (
          <span className="text-red-700">{groupHeading(combinator, negate)}</span>
        ) : (
          groupHeading(combinator, negate)
        )}
      </p>
      <ul className="space-y-1.5">
        {children.map((child, i) => (
          <li key={i} className="flex items-start gap-2">
            <span
              aria-hidden={i === 0 ? true : undefined}
              className={cn(
                "mt-0.5 inline-flex h-5 w-9 shrink-0 items-center justify-center rounded text-[10px] font-semibold tracking-wide uppercase",
                i === 0
                  ? "invisible"
                  : combinator === "and"
                    ? "bg-indigo-50 text-indigo-700"
                    : "bg-amber-50 text-amber-800",
              )}
            >
              {i === 0 ? "" : combinator === "and" ? "and" : "or"}
            </span>
            <div className="min-w-0 flex-1">
              <ConditionView condition={child} labels={labels} depth={depth + 1} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
