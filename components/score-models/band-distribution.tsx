import { bandPalette } from "../score/band-colors";
import { formatCount } from "../score/format";
import { cn } from "../ui/cn";

export interface BandCount {
  label: string;
  color: string;
  min: number;
  count: number;
}

function percent(count: number, total: number): string {
  if (total <= 0) return "0%";
  const p = (count / total) * 100;
  return p > 0 && p < 1 ? "<1%" : `${Math.round(p)}%`;
}

/** "Cold 1,200 (40%), Warm 900 (30%), Hot 900 (30%)": the bar's text alternative. */
export function describeDistribution(bands: BandCount[]): string {
  const total = bands.reduce((s, b) => s + b.count, 0);
  if (total === 0) return "No contacts scored yet";
  return bands
    .map((b) => `${b.label} ${formatCount(b.count)} (${percent(b.count, total)})`)
    .join(", ");
}

/**
 * The band distribution as one stacked bar, segments in band colours. Hovering a segment shows
 * its label and count; the whole bar carries the same text for assistive tech (role="img"), and
 * the legend repeats it visibly, so colour is never the only signal.
 */
export function BandBar({
  bands,
  stale = false,
  size = "sm",
  className,
}: {
  bands: BandCount[];
  stale?: boolean;
  size?: "sm" | "lg";
  className?: string;
}) {
  const total = bands.reduce((s, b) => s + b.count, 0);
  const label = `Band distribution: ${describeDistribution(bands)}${stale ? " (stale)" : ""}`;
  const visible = bands.filter((b) => b.count > 0);
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="band-bar"
      className={cn(
        "flex w-full gap-px rounded-full bg-zinc-100",
        size === "lg" ? "h-3" : "h-2",
        className,
      )}
    >
      {total > 0
        ? visible.map((b) => (
            <div
              key={b.label}
              className={cn(
                "group/seg relative h-full min-w-1 transition-[width] first:rounded-l-full last:rounded-r-full",
                bandPalette(b.color, stale).solid,
              )}
              style={{ width: `${(b.count / total) * 100}%` }}
            >
              <span
                className={cn(
                  "pointer-events-none absolute bottom-full left-1/2 z-30 mb-2 -translate-x-1/2 rounded-md bg-zinc-900 px-2 py-1 text-xs font-medium whitespace-nowrap text-white shadow-lg",
                  "invisible opacity-0 transition-opacity group-hover/seg:visible group-hover/seg:opacity-100",
                )}
              >
                {b.label}: {formatCount(b.count)} ({percent(b.count, total)})
              </span>
            </div>
          ))
        : null}
    </div>
  );
}

/** Visible legend under a bar: dot + label + count for each band. */
export function BandLegend({
  bands,
  stale = false,
  showPercent = false,
  className,
}: {
  bands: BandCount[];
  stale?: boolean;
  showPercent?: boolean;
  className?: string;
}) {
  const total = bands.reduce((s, b) => s + b.count, 0);
  return (
    <ul
      aria-hidden="true"
      className={cn("flex flex-wrap gap-x-3 gap-y-1 text-xs text-zinc-500", className)}
    >
      {bands.map((b) => (
        <li key={b.label} className="inline-flex items-center gap-1.5 whitespace-nowrap">
          <span className={cn("size-2 rounded-full", bandPalette(b.color, stale).solid)} />
          <span className="text-zinc-700">{b.label}</span>
          <span className="tabular-nums">
            {formatCount(b.count)}
            {showPercent ? ` · ${percent(b.count, total)}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
