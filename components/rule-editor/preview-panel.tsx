"use client";
import type { RouterOutputs } from "@/trpc/types";
import { bandPalette } from "../score/band-colors";
import { formatCount } from "../score/format";
import { cn } from "../ui/cn";
import { Spinner } from "../ui/spinner";

export type PreviewResponse = RouterOutputs["scoreModel"]["preview"];
export type PreviewData = Extract<PreviewResponse, { ok: true }>;

const BIN = 5;

/**
 * The draft's score distribution on the workspace's real contacts: 20 bins with the band ranges
 * tinted behind them (counts on hover and in each bar's label), band sizes, and how many contacts
 * would move up or down a band compared with the published version.
 */
export function PreviewPanel({
  data,
  fetching,
  blocked,
  error,
}: {
  data: PreviewData | null;
  fetching: boolean;
  /** Why there is no fresh preview (invalid draft), if so. */
  blocked: string | null;
  error: string | null;
}) {
  return (
    <section
      aria-labelledby="preview-heading"
      className="flex flex-col gap-3"
      data-testid="preview"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="preview-heading" className="text-sm font-semibold text-zinc-900">
          Live preview
        </h2>
        <span
          className="flex items-center gap-1.5 text-xs text-zinc-500"
          aria-live="polite"
          data-testid="preview-status"
        >
          {fetching ? (
            <>
              <Spinner className="size-3" /> Updating…
            </>
          ) : data ? (
            <span data-testid="preview-meta">{meta(data)}</span>
          ) : null}
        </span>
      </div>
      {blocked ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-600/20 ring-inset">
          {blocked}
        </p>
      ) : null}
      {error ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-700">{error}</p>
      ) : null}
      {data ? (
        <div className={cn("space-y-3 transition-opacity", (fetching || blocked) && "opacity-60")}>
          <Histogram data={data} />
          <ul className="space-y-1 text-xs" aria-label="Contacts per band (draft)">
            {data.bands.map((b) => (
              <li
                key={b.label}
                className="flex min-w-0 items-center gap-1.5"
                data-testid="preview-band"
              >
                <span
                  className={cn("size-2 shrink-0 rounded-full", bandPalette(b.color).solid)}
                  aria-hidden="true"
                />
                <span className="truncate text-zinc-700">{b.label}</span>
                <span className="ml-auto font-medium text-zinc-900 tabular-nums">
                  {formatCount(b.count)}
                </span>
                <span className="w-8 text-right text-zinc-500 tabular-nums">
                  {percent(b.count, data.scored)}
                </span>
              </li>
            ))}
          </ul>
          <Moves data={data} />
        </div>
      ) : !blocked && !error ? (
        <div className="flex h-24 items-center justify-center rounded-md border border-dashed border-zinc-200 text-xs text-zinc-500">
          <Spinner className="mr-2 size-4" /> Scoring your contacts…
        </div>
      ) : null}
    </section>
  );
}

function percent(n: number, total: number): string {
  if (total <= 0) return "0%";
  const p = (n / total) * 100;
  return p > 0 && p < 1 ? "<1%" : `${Math.round(p)}%`;
}

function meta(d: PreviewData): string {
  const seconds = `${(d.tookMs / 1000).toFixed(1)} s`;
  if (d.sample) {
    return `Sample of ${formatCount(d.sample.size)} of ${formatCount(d.population)} · ±${d.sample.marginPct}% at 95% · ${seconds}`;
  }
  return `${formatCount(d.scored)} contacts · ${seconds}`;
}

function Histogram({ data }: { data: PreviewData }) {
  const max = Math.max(1, ...data.histogram);
  const bands = data.bands;
  return (
    <div>
      <div
        className="relative h-20"
        role="list"
        aria-label="Score histogram, 20 bins of 5 points"
        data-testid="preview-histogram"
      >
        {/* Band ranges behind the bars: colour is not the only signal, the chips below name them. */}
        <div className="absolute inset-0 flex overflow-hidden rounded" aria-hidden="true">
          {bands.map((b, i) => {
            const end = bands[i + 1]?.min ?? 100;
            return (
              <div
                key={b.label}
                className={cn("h-full opacity-[0.12]", bandPalette(b.color).solid)}
                style={{ width: `${Math.max(0, end - b.min)}%` }}
              />
            );
          })}
        </div>
        <div className="absolute inset-x-0 bottom-0 flex h-full items-end gap-px px-px">
          {data.histogram.map((count, i) => {
            const from = i * BIN;
            const to = from + BIN;
            const label = `${from}–${i === 19 ? 100 : to}: ${formatCount(count)} contacts`;
            return (
              <div
                key={i}
                role="listitem"
                aria-label={label}
                className="group/bin relative flex h-full flex-1 items-end"
                data-testid="preview-bin"
                data-count={count}
              >
                <div
                  className="w-full rounded-t-sm bg-zinc-800/80 transition-[height] group-hover/bin:bg-indigo-600"
                  style={{ height: count ? `${Math.max(2, (count / max) * 100)}%` : 0 }}
                />
                <span className="pointer-events-none invisible absolute bottom-full left-1/2 z-30 mb-1 -translate-x-1/2 rounded-md bg-zinc-900 px-2 py-1 text-xs font-medium whitespace-nowrap text-white opacity-0 shadow-lg group-hover/bin:visible group-hover/bin:opacity-100">
                  {label}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <div
        className="mt-1 flex justify-between text-[10px] text-zinc-400 tabular-nums"
        aria-hidden="true"
      >
        <span>0</span>
        <span>25</span>
        <span>50</span>
        <span>75</span>
        <span>100</span>
      </div>
    </div>
  );
}

function Moves({ data }: { data: PreviewData }) {
  if (!data.moves) {
    return (
      <p className="text-xs text-zinc-500">Nothing published yet: no band changes to compare.</p>
    );
  }
  const { up, down, same, unscored, version } = data.moves;
  return (
    <div
      className="rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-600"
      data-testid="preview-moves"
    >
      <p className="font-medium text-zinc-700">Compared with v{version}</p>
      <p className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 tabular-nums">
        <span>
          <span className="font-semibold text-emerald-700">▲ {formatCount(up)}</span> up a band
        </span>
        <span>
          <span className="font-semibold text-red-700">▼ {formatCount(down)}</span> down
        </span>
        <span>{formatCount(same)} unchanged</span>
        {unscored ? <span>{formatCount(unscored)} not scored yet</span> : null}
      </p>
    </div>
  );
}
