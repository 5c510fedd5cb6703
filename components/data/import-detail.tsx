"use client";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import { ConfirmDialog } from "../settings/confirm-dialog";
import { useCan } from "../shell/session-context";
import { formatCount } from "../score/format";
import { PageHeader } from "../shell/page-header";
import { Button, buttonClasses } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { DateTime } from "../ui/date-time";
import { ChevronLeftIcon, DownloadIcon, WarningIcon } from "../ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { formatBytes } from "./csv-preview";
import { countsOf, ImportProgress, ImportStatusBadge, isImportActive, KIND_LABEL } from "./import-status";
import type { ImportIssue, ImportItem } from "./types";

const POLL_MS = 1000;

/** One import: progress while it runs (safe to leave), then the summary and the skipped rows. */
export function ImportDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const { data: item } = useSuspenseQuery(
    trpc.dataImport.get.queryOptions(
      { id },
      { refetchInterval: (q) => (q.state.data && isImportActive(q.state.data) ? POLL_MS : false) },
    ),
  );
  const active = isImportActive(item);
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/data" className="inline-flex items-center gap-1 rounded text-sm text-zinc-500 hover:text-zinc-900">
            <ChevronLeftIcon className="size-4" />
            Data
          </Link>
        }
        title={<span className="break-all">{item.fileName}</span>}
        description={`${KIND_LABEL[item.kind]} · ${formatBytes(item.fileBytes)} · ${item.columns.length} columns`}
        actions={
          item.skipped > 0 && !active ? (
            <a href={`/api/imports/${item.id}/report`} className={buttonClasses("secondary", "md")} data-testid="download-report">
              <DownloadIcon className="size-4" />
              Download report (CSV)
            </a>
          ) : active ? (
            <CancelImport item={item} />
          ) : null
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title={<span className="flex items-center gap-2">Status <ImportStatusBadge item={item} /></span>}
            description={
              active
                ? "You can leave this page: the import keeps running and its result will be here."
                : item.finishedAt
                  ? <>Finished <DateTime value={item.finishedAt} withTime /></>
                  : undefined
            }
          />
          <div className="space-y-5 p-4">
            {active || item.status === "completed" ? <ImportProgress item={item} /> : null}
            {item.status === "cancelled" || item.status === "expired" ? (
              <p className="text-sm text-zinc-700" data-testid="import-stopped">
                {item.error ?? "This import was stopped."}
                {item.status === "expired" ? " Its file has been deleted after the retention period." : null}
              </p>
            ) : null}
            {item.status === "failed" ? (
              <div role="alert" className="flex gap-2 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-600/20 ring-inset">
                <WarningIcon className="mt-0.5 size-4 shrink-0" />
                <p>{item.error}</p>
              </div>
            ) : null}
            <Summary item={item} />
          </div>
        </Card>
        {item.skipped > 0 ? <IssuesCard item={item} /> : null}
      </div>
    </>
  );
}

/** Stops a queued or running import after a confirmation; rows already applied stay. */
function CancelImport({ item }: { item: ImportItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = useCan("editor");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useMutation(
    trpc.dataImport.cancel.mutationOptions({
      onSuccess: async (updated) => {
        queryClient.setQueryData(trpc.dataImport.get.queryKey({ id: item.id }), updated);
        await queryClient.invalidateQueries({ queryKey: trpc.dataImport.list.queryKey() });
        setOpen(false);
      },
      onError: (e) => setError(errorInfo(e).message),
    }),
  );
  if (!canEdit) return null;
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Cancel import
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Cancel the import of “${item.fileName}”?`}
        confirmLabel="Cancel import"
        cancelLabel="Keep importing"
        pending={cancel.isPending}
        error={error}
        onConfirm={() => cancel.mutate({ id: item.id })}
        data-testid="cancel-import-dialog"
      >
        <p>
          The import stops after the batch it is writing. Rows imported so far stay imported and
          counted; the rest of the file is not imported. Importing the file again later is safe.
        </p>
      </ConfirmDialog>
    </>
  );
}

function Summary({ item }: { item: ImportItem }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="import-summary">
      {countsOf(item).map((c) => (
        <div key={c.label} className="rounded-md border border-zinc-200 px-3 py-2">
          <dt className="text-xs text-zinc-500">{c.label}</dt>
          <dd
            className={
              c.tone === "warn"
                ? "text-xl font-semibold text-amber-700 tabular-nums"
                : "text-xl font-semibold text-zinc-900 tabular-nums"
            }
            data-testid={`count-${c.label.toLowerCase()}`}
          >
            {formatCount(c.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function IssuesCard({ item }: { item: ImportItem }) {
  const trpc = useTRPC();
  const [pages, setPages] = useState<(number | null)[]>([null]);
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Skipped rows"
        description={
          item.issuesTruncated > 0
            ? `Row numbers as in a spreadsheet (the header is row 1). ${formatCount(item.issuesTruncated)} further reasons were counted but not kept.`
            : "Row numbers as in a spreadsheet (the header is row 1). Fix them in the file and import it again: imported rows are updated, not doubled."
        }
      />
      <Table aria-label="Skipped rows" data-testid="import-issues">
        <THead>
          <TR>
            <TH className="w-20">Row</TH>
            <TH className="w-48">Column</TH>
            <TH>Reason</TH>
          </TR>
        </THead>
        <TBody>
          {pages.map((cursor, n) => (
            <IssuesPage
              key={n}
              id={item.id}
              cursor={cursor}
              last={n === pages.length - 1}
              onMore={(next) => setPages((p) => [...p, next])}
              query={trpc}
            />
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

function IssuesPage({
  id,
  cursor,
  last,
  onMore,
  query: trpc,
}: {
  id: string;
  cursor: number | null;
  last: boolean;
  onMore: (cursor: number) => void;
  query: ReturnType<typeof useTRPC>;
}) {
  const { data } = useQuery(trpc.dataImport.issues.queryOptions({ id, cursor, limit: 50 }));
  if (!data) {
    return (
      <TR>
        <TD colSpan={3} className="text-sm text-zinc-500">
          Loading…
        </TD>
      </TR>
    );
  }
  return (
    <>
      {data.issues.map((issue: ImportIssue) => (
        <TR key={issue.id}>
          <TD className="font-medium text-zinc-900 tabular-nums">{issue.rowNumber}</TD>
          <TD className="text-[13px] text-zinc-700">{issue.column ?? <span className="text-zinc-400">whole row</span>}</TD>
          <TD className="text-[13px] text-zinc-700">{issue.message}</TD>
        </TR>
      ))}
      {last && data.nextCursor !== null ? (
        <TR>
          <TD colSpan={3} className="text-center">
            <Button size="sm" variant="ghost" onClick={() => onMore(data.nextCursor!)}>
              Load more
            </Button>
          </TD>
        </TR>
      ) : null}
    </>
  );
}
