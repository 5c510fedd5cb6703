import type { ReactNode } from "react";
import type { Criterion, ModelDocument } from "@/core/scoring/document";
import { formatPoints } from "../score/format";
import { cn } from "../ui/cn";
import { ActivityIcon, FilterIcon, InactivityIcon, NegativeActivityIcon } from "../ui/icons";
import { ConditionView } from "./condition-view";
import type { Labeler } from "./registry-labels";

type Presentation = { label: string; icon: typeof FilterIcon; tone: string };

/** What kind of criterion this is to a marketer: negative activities get their own label. */
export function criterionPresentation(c: Criterion): Presentation {
  switch (c.kind) {
    case "filter":
      return { label: "Filter", icon: FilterIcon, tone: "bg-sky-50 text-sky-700 ring-sky-600/20" };
    case "activity":
      return c.points < 0
        ? {
            label: "Negative activity",
            icon: NegativeActivityIcon,
            tone: "bg-red-50 text-red-700 ring-red-600/20",
          }
        : {
            label: "Activity",
            icon: ActivityIcon,
            tone: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
          };
    case "inactivity":
      return {
        label: "Inactivity",
        icon: InactivityIcon,
        tone: "bg-amber-50 text-amber-800 ring-amber-600/25",
      };
  }
}

function days(n: number): string {
  const v = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(n);
  return `${v} ${n === 1 ? "day" : "days"}`;
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[96px_1fr] gap-x-3">
      <dt className="leading-6 text-zinc-500">{term}</dt>
      <dd className="min-w-0 leading-6 text-zinc-800">{children}</dd>
    </div>
  );
}

export function CriterionCard({
  criterion: c,
  model,
  labels,
}: {
  criterion: Criterion;
  model: Pick<ModelDocument, "halfLifeDays" | "decay">;
  labels: Labeler;
}) {
  const p = criterionPresentation(c);
  const Icon = p.icon;
  const pointsSuffix = c.kind === "activity" ? " each" : "";

  return (
    <li
      className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs"
      data-testid={`criterion-${c.id}`}
      aria-labelledby={`criterion-${c.id}-label`}
    >
      <div className="flex items-start gap-3">
        <span
          className={cn(
            "flex size-9 shrink-0 items-center justify-center rounded-lg ring-1 ring-inset",
            p.tone,
          )}
        >
          <Icon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-start justify-between gap-4">
            <div className="min-w-0">
              <p className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">
                {p.label}
              </p>
              <h3
                id={`criterion-${c.id}-label`}
                className="mt-0.5 text-sm font-semibold text-zinc-900"
              >
                {c.label}
              </h3>
            </div>
            <span
              className={cn(
                "shrink-0 rounded-md px-2 py-1 text-sm font-semibold tabular-nums ring-1 ring-inset",
                c.points > 0 && "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
                c.points < 0 && "bg-red-50 text-red-700 ring-red-600/20",
                c.points === 0 && "bg-zinc-50 text-zinc-600 ring-zinc-300",
              )}
            >
              {formatPoints(c.points)} {Math.abs(c.points) === 1 ? "pt" : "pts"}
              {pointsSuffix}
            </span>
          </div>

          <dl className="mt-3 space-y-1 text-sm">
            {c.kind === "filter" ? (
              <Detail term="When">
                <ConditionView condition={c.where} labels={labels} />
              </Detail>
            ) : null}

            {c.kind === "activity" ? (
              <>
                <Detail term="Activity">
                  <span className="font-medium">{labels.activity(c.activity)}</span>{" "}
                  <code className="font-mono text-xs text-zinc-500">{c.activity}</code>
                </Detail>
                {c.where ? (
                  <Detail term="Where">
                    <ConditionView condition={c.where} labels={labels} />
                  </Detail>
                ) : null}
                <Detail term="Half-life">
                  <HalfLife criterion={c} model={model} />
                </Detail>
                {c.maxPoints !== undefined ? (
                  <Detail term="Cap">
                    {c.points < 0 ? "At most" : "Up to"}{" "}
                    {formatPoints(c.points < 0 ? -c.maxPoints : c.maxPoints)} pts in total
                  </Detail>
                ) : null}
              </>
            ) : null}

            {c.kind === "inactivity" ? (
              <>
                <Detail term="When">
                  No <span className="font-medium">{labels.activity(c.activity)}</span> activity for{" "}
                  {days(c.days)}
                </Detail>
                {c.where ? (
                  <Detail term="Counting only">
                    <ConditionView condition={c.where} labels={labels} />
                  </Detail>
                ) : null}
              </>
            ) : null}
          </dl>
        </div>
      </div>
    </li>
  );
}

function HalfLife({
  criterion,
  model,
}: {
  criterion: Extract<Criterion, { kind: "activity" }>;
  model: Pick<ModelDocument, "halfLifeDays" | "decay">;
}) {
  const override = criterion.halfLifeDays !== undefined;
  const h = override ? criterion.halfLifeDays : model.halfLifeDays;
  const text = h === null || h === undefined ? "No decay" : days(h);
  return (
    <>
      {text}{" "}
      <span className="text-zinc-500">{override ? "(this criterion)" : "(model default)"}</span>
    </>
  );
}
