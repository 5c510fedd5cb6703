"use client";
import { plural } from "../score/format";
import { Badge, type BadgeTone } from "../ui/badge";
import { ProgressBar } from "../ui/progress-bar";
import type { ImportItem } from "./types";

export function isImportActive(item: Pick<ImportItem, "status">): boolean {
  return item.status === "queued" || item.status === "running";
}

const STATUS: Record<ImportItem["status"], { label: string; tone: BadgeTone }> = {
  uploaded: { label: "Not started", tone: "muted" },
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Importing", tone: "accent" },
  completed: { label: "Completed", tone: "success" },
  failed: { label: "Stopped", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "muted" },
  expired: { label: "Expired", tone: "muted" },
};

export function ImportStatusBadge({ item }: { item: Pick<ImportItem, "status" | "skipped"> }) {
  const s = STATUS[item.status];
  if (item.status === "completed" && item.skipped > 0) {
    return <Badge tone="warning">Completed with skipped rows</Badge>;
  }
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

export function importPercent(item: Pick<ImportItem, "status" | "bytesRead" | "fileBytes">): number {
  if (item.status === "completed") return 100;
  if (item.fileBytes <= 0) return 0;
  return Math.min(100, Math.floor((item.bytesRead / item.fileBytes) * 100));
}

/** Progress of a running import: a bar by bytes read, and rows so far. */
export function ImportProgress({ item, className }: { item: ImportItem; className?: string }) {
  const pct = importPercent(item);
  const queued = item.status === "queued";
  const text = queued
    ? "Waiting to start…"
    : `${pct}% · ${plural(item.rowsDone, "row")} read`;
  return (
    <div className={className} data-testid="import-progress">
      <ProgressBar
        value={pct}
        max={100}
        indeterminate={queued}
        label={`Importing ${item.fileName}`}
        valueText={text}
      />
      <p className="mt-1.5 text-xs text-zinc-500 tabular-nums">{text}</p>
    </div>
  );
}

/** "1,204 created · 12 updated · 3 skipped" in the words of the import's kind. */
export function countsOf(item: ImportItem): { label: string; value: number; tone?: "warn" }[] {
  if (item.kind === "contacts") {
    return [
      { label: "Created", value: item.imported },
      { label: "Updated", value: item.updated },
      { label: "Unchanged", value: item.duplicates },
      { label: "Skipped", value: item.skipped, tone: item.skipped > 0 ? "warn" : undefined },
    ];
  }
  return [
    { label: "Imported", value: item.imported },
    { label: "Duplicates", value: item.duplicates },
    { label: "Skipped", value: item.skipped, tone: item.skipped > 0 ? "warn" : undefined },
  ];
}

export const KIND_LABEL = { contacts: "Contacts", activities: "Activities" } as const;
