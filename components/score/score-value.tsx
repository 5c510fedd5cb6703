import { useId } from "react";
import { cn } from "../ui/cn";
import { bandPalette } from "./band-colors";
import { bandForScore, formatScore, starsFromScore } from "./format";

export interface BandLike {
  label: string;
  color: string;
  min: number;
}

/** A band chip: the band's label on its colour (the label is always there; colour is not the only signal). */
export function BandChip({
  band,
  stale = false,
  size = "md",
  className,
}: {
  band: Pick<BandLike, "label" | "color">;
  stale?: boolean;
  size?: "sm" | "md";
  className?: string;
}) {
  const palette = bandPalette(band.color, stale);
  return (
    <span
      data-testid="band-chip"
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full font-medium whitespace-nowrap ring-1 ring-inset",
        size === "sm" ? "px-2 py-0 text-[11px] leading-5" : "px-2.5 py-0.5 text-xs",
        palette.chip,
        className,
      )}
    >
      <span aria-hidden="true" className={cn("size-1.5 rounded-full", palette.solid)} />
      {band.label}
    </span>
  );
}

/** 0–5 stars in halves, with a text alternative ("3.5 of 5 stars"). */
export function Stars({ value, className }: { value: number; className?: string }) {
  const clamped = Math.min(5, Math.max(0, Math.round(value * 2) / 2));
  return (
    <span
      role="img"
      aria-label={`${clamped} of 5 stars`}
      className={cn("inline-flex items-center gap-0.5 text-amber-400", className)}
    >
      {[0, 1, 2, 3, 4].map((i) => {
        const fill = clamped >= i + 1 ? "full" : clamped >= i + 0.5 ? "half" : "empty";
        return <Star key={i} fill={fill} />;
      })}
    </span>
  );
}

function Star({ fill }: { fill: "full" | "half" | "empty" }) {
  const clipId = useId();
  const d = "M10 1.8l2.5 5.2 5.7.8-4.1 4 1 5.6L10 14.8l-5.1 2.6 1-5.6-4.1-4 5.7-.8L10 1.8z";
  return (
    <svg viewBox="0 0 20 20" className="size-3.5" aria-hidden="true">
      {fill === "half" ? (
        <defs>
          <clipPath id={clipId}>
            <rect x="0" y="0" width="10" height="20" />
          </clipPath>
        </defs>
      ) : null}
      <path d={d} className="fill-zinc-200" />
      {fill !== "empty" ? (
        <path
          d={d}
          className="fill-current"
          clipPath={fill === "half" ? `url(#${clipId})` : undefined}
        />
      ) : null}
    </svg>
  );
}

/**
 * The one way a score is shown (docs/ui.md): the 0–100 number with ≤ 1 decimal, the band chip, and
 * stars when the model displays stars. Stale scores (model switched off) are greyed.
 */
export function ScoreValue({
  score,
  bands,
  display = "number",
  stale = false,
  staleSince,
  className,
}: {
  score: number;
  bands: readonly BandLike[];
  display?: "number" | "stars";
  stale?: boolean;
  /** Shown as a tooltip on stale scores. */
  staleSince?: Date | null;
  className?: string;
}) {
  const band = bandForScore(bands, score);
  const text = formatScore(score);
  const title = stale
    ? `Stale: the model is off${staleSince ? ` since ${staleSince.toLocaleDateString("en-US", { dateStyle: "medium" })}` : ""}`
    : undefined;
  return (
    <span
      data-testid="score-value"
      title={title}
      className={cn("inline-flex items-center gap-2", stale && "opacity-70", className)}
    >
      <span className={cn("font-semibold tabular-nums", stale ? "text-zinc-500" : "text-zinc-900")}>
        {text}
      </span>
      {display === "stars" ? (
        <Stars value={starsFromScore(score)} className={stale ? "grayscale" : undefined} />
      ) : null}
      {band ? <BandChip band={band} stale={stale} size="sm" /> : null}
      {stale ? <span className="sr-only">(stale)</span> : null}
    </span>
  );
}
