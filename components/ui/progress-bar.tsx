import { cn } from "./cn";

export interface ProgressBarProps {
  value: number;
  max: number;
  /** Accessible name, e.g. "Rescoring Lead". */
  label: string;
  /** Shown to everyone, e.g. "1,200 of 5,000 contacts". */
  valueText?: string;
  indeterminate?: boolean;
  className?: string;
}

export function ProgressBar({
  value,
  max,
  label,
  valueText,
  indeterminate,
  className,
}: ProgressBarProps) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={indeterminate ? undefined : max}
      aria-valuenow={indeterminate ? undefined : value}
      aria-valuetext={valueText}
      className={cn("h-1.5 w-full overflow-hidden rounded-full bg-zinc-200", className)}
    >
      <div
        className={cn(
          "h-full rounded-full bg-indigo-600 transition-[width] duration-500",
          indeterminate && "w-1/3 animate-pulse",
        )}
        style={indeterminate ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}
