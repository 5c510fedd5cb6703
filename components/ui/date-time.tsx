"use client";
/**
 * Dates in the reader's locale and time zone. The server renders in its own zone, so the text
 * may change on hydration; that is expected, hence suppressHydrationWarning on this one node.
 */
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });
const DATE_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export function formatDate(value: Date): string {
  return DATE.format(value);
}

export function formatDateTime(value: Date): string {
  return DATE_TIME.format(value);
}

export function DateTime({
  value,
  withTime = false,
  className,
}: {
  value: Date;
  withTime?: boolean;
  className?: string;
}) {
  return (
    <time
      dateTime={value.toISOString()}
      title={formatDateTime(value)}
      className={className}
      suppressHydrationWarning
    >
      {withTime ? formatDateTime(value) : formatDate(value)}
    </time>
  );
}
