"use client";
/**
 * Dates in the reader's locale and time zone. The server renders in its own zone, so the text
 * may change on hydration; that is expected, hence suppressHydrationWarning on this one node.
 */
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });
const DATE_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const TIME = new Intl.DateTimeFormat("en-US", { timeStyle: "short" });
const SHORT_DATE = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric" });

export function formatDate(value: Date): string {
  return DATE.format(value);
}

export function formatDateTime(value: Date): string {
  return DATE_TIME.format(value);
}

/** "3:48 PM" today, "Nov 23" this year, else "Nov 23, 2025". */
export function formatCompact(value: Date, now = new Date()): string {
  if (value.toDateString() === now.toDateString()) return TIME.format(value);
  if (value.getFullYear() === now.getFullYear()) return SHORT_DATE.format(value);
  return DATE.format(value);
}

export function DateTime({
  value,
  withTime = false,
  compact = false,
  className,
}: {
  value: Date;
  withTime?: boolean;
  /** Short form for dense tables; the full date and time is in the tooltip. */
  compact?: boolean;
  className?: string;
}) {
  return (
    <time
      dateTime={value.toISOString()}
      title={formatDateTime(value)}
      className={className}
      suppressHydrationWarning
    >
      {compact ? formatCompact(value) : withTime ? formatDateTime(value) : formatDate(value)}
    </time>
  );
}
