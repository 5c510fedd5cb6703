import type { RunState } from "@/trpc/types";
import { formatCount } from "../score/format";
import { ProgressBar } from "../ui/progress-bar";

export function isRunActive(run: RunState | null | undefined): boolean {
  return run?.status === "queued" || run?.status === "running";
}

/** A rescore in progress: counts and a bar. The work continues if the user leaves the page. */
export function RunProgress({ run, modelName }: { run: RunState; modelName: string }) {
  const queued = run.status === "queued" || run.total === 0;
  const text = queued
    ? "Rescore queued…"
    : `Rescoring ${formatCount(run.processed)} of ${formatCount(run.total)} contacts`;
  return (
    <div className="space-y-1.5" data-testid="run-progress">
      <ProgressBar
        value={run.processed}
        max={run.total}
        indeterminate={queued}
        label={`Rescoring ${modelName}`}
        valueText={text}
      />
      <p className="text-xs text-zinc-500 tabular-nums">{text}</p>
    </div>
  );
}
