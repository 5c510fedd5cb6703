import type { ReactNode } from "react";
import type { ModelDocument } from "@/core/scoring/document";
import { BandChip } from "../score/score-value";
import { formatCount } from "../score/format";
import { Card, CardHeader } from "../ui/card";

function halfLifeText(h: number | null): string {
  if (h === null) return "No decay";
  return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(h)} ${h === 1 ? "day" : "days"}`;
}

/** The model-wide settings of a document: decay, scale and bands. */
export function ModelSettings({ document: d }: { document: ModelDocument }) {
  const bands = [...d.bands].sort((a, b) => a.min - b.min);
  return (
    <Card>
      <CardHeader title="Settings" />
      <dl className="divide-y divide-zinc-100 text-sm">
        <Row term="Half-life">
          {halfLifeText(d.halfLifeDays)}
          <p className="text-xs text-zinc-500">
            Applies to activity criteria unless they override it.
          </p>
        </Row>
        <Row term="Decay">
          {d.halfLifeDays === null
            ? "—"
            : d.decay === "step"
              ? "Step: halves at each full half-life"
              : "Exponential: continuous"}
        </Row>
        <Row term="Scale">
          {d.scale.kind === "fixed" ? (
            <>Fixed: {formatCount(d.scale.maxPoints)} points = 100</>
          ) : (
            <>
              Percentile: the {ordinal(d.scale.percentile)} percentile of positive raw scores = 100
            </>
          )}
        </Row>
        <Row term="Bands">
          <ul className="space-y-1.5">
            {bands.map((b, i) => {
              const next = bands[i + 1];
              return (
                <li key={b.label} className="flex items-center justify-between gap-2">
                  <BandChip band={b} size="sm" />
                  <span
                    className="text-xs text-zinc-500 tabular-nums"
                    title={
                      next
                        ? `Scores from ${b.min} up to, not including, ${next.min}`
                        : `Scores from ${b.min} to 100`
                    }
                  >
                    {b.min}–{next ? next.min : 100}
                  </span>
                </li>
              );
            })}
          </ul>
        </Row>
      </dl>
    </Card>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[88px_1fr] gap-3 px-4 py-3">
      <dt className="text-zinc-500">{term}</dt>
      <dd className="min-w-0 text-zinc-900">{children}</dd>
    </div>
  );
}

function ordinal(n: number): string {
  const v = Math.round(n * 10) / 10;
  if (!Number.isInteger(v)) return `${v}th`;
  const s = ["th", "st", "nd", "rd"];
  const m = v % 100;
  return `${v}${s[(m - 20) % 10] ?? s[m] ?? s[0]}`;
}
