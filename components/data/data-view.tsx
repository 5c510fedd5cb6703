"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/client";
import { formatCount } from "../score/format";
import { PageHeader } from "../shell/page-header";
import { useCan } from "../shell/session-context";
import { buttonClasses } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { DateTime } from "../ui/date-time";
import { EmptyState } from "../ui/empty-state";
import { DataIcon, DownloadIcon, UploadIcon } from "../ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { formatBytes } from "./csv-preview";
import { countsOf, ImportProgress, ImportStatusBadge, isImportActive, KIND_LABEL } from "./import-status";
import type { ImportItem } from "./types";

const POLL_MS = 1000;

/** The Data page: CSV imports with their status and counts, and the workspace's registry. */
export function DataView() {
  const trpc = useTRPC();
  const canEdit = useCan("editor");
  const { data: items } = useSuspenseQuery(
    trpc.dataImport.list.queryOptions(undefined, {
      refetchInterval: (q) => (q.state.data?.some(isImportActive) ? POLL_MS : false),
    }),
  );
  const { data: registry } = useSuspenseQuery(trpc.registry.list.queryOptions());

  return (
    <>
      <PageHeader
        title="Data"
        description="Bring contacts and their activities in from CSV files, and see the fields they fill."
        actions={
          canEdit ? (
            <Link href="/data/import" className={buttonClasses("primary", "md")}>
              <UploadIcon className="size-4" />
              Import CSV
            </Link>
          ) : null
        }
      />

      <section aria-labelledby="imports-title" className="space-y-8">
        {items.length === 0 ? (
          <EmptyState
            icon={<DataIcon className="size-6" />}
            title={<span id="imports-title">No imports yet</span>}
            description="Import a CSV of contacts (one row per person, with a key column) or of activities (one row per event) to start scoring real data."
            action={
              canEdit ? (
                <Link href="/data/import" className={buttonClasses("primary", "md")}>
                  <UploadIcon className="size-4" />
                  Import CSV
                </Link>
              ) : null
            }
          />
        ) : (
          <Card className="overflow-hidden">
            <CardHeader
              id="imports-title"
              title="Imports"
              description="Imports keep running if you leave this page."
            />
            <Table aria-labelledby="imports-title" data-testid="imports-table">
              <THead>
                <TR>
                  <TH>File</TH>
                  <TH className="w-44">Status</TH>
                  <TH className="w-[34%]">Result</TH>
                  <TH className="w-28">Started</TH>
                  <TH className="w-24 text-right">
                    <span className="sr-only">Report</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {items.map((item) => (
                  <ImportRow key={item.id} item={item} />
                ))}
              </TBody>
            </Table>
          </Card>
        )}

        <RegistryCard registry={registry} />
      </section>
    </>
  );
}

function ImportRow({ item }: { item: ImportItem }) {
  const active = isImportActive(item);
  return (
    <TR data-testid={`import-row-${item.id}`} className="hover:bg-zinc-50/70">
      <TD>
        <Link
          href={`/data/imports/${item.id}`}
          className="block max-w-xs truncate rounded font-medium text-zinc-900 hover:text-indigo-600 hover:underline"
        >
          {item.fileName}
        </Link>
        <div className="mt-0.5 text-xs text-zinc-500">
          {KIND_LABEL[item.kind]} · {formatBytes(item.fileBytes)}
        </div>
      </TD>
      <TD>
        <ImportStatusBadge item={item} />
      </TD>
      <TD>
        {active ? (
          <ImportProgress item={item} />
        ) : item.status === "failed" ? (
          <p className="line-clamp-2 text-xs text-red-700">{item.error}</p>
        ) : (
          <Counts item={item} />
        )}
      </TD>
      <TD className="text-sm whitespace-nowrap text-zinc-600">
        <DateTime value={item.startedAt ?? item.createdAt} compact />
      </TD>
      <TD className="text-right">
        {item.skipped > 0 && !active ? (
          <a
            href={`/api/imports/${item.id}/report`}
            className={buttonClasses("ghost", "sm")}
            aria-label={`Download the report of ${item.fileName}`}
          >
            <DownloadIcon className="size-4" />
            Report
          </a>
        ) : null}
      </TD>
    </TR>
  );
}

export function Counts({ item }: { item: ImportItem }) {
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-500">
      {countsOf(item).map((c) => (
        <div key={c.label} className="flex gap-1">
          <dt>{c.label}</dt>
          <dd
            className={
              c.tone === "warn"
                ? "font-medium text-amber-700 tabular-nums"
                : "font-medium text-zinc-900 tabular-nums"
            }
          >
            {formatCount(c.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RegistryCard({ registry }: { registry: { fields: { key: string; label: string; type: string }[]; activities: { key: string; label: string }[] } }) {
  return (
    <Card>
      <CardHeader
        title="Fields and activity types"
        description="What contacts carry and what they do. Imports add to these; score models read them."
      />
      <div className="grid gap-6 p-4 md:grid-cols-2">
        <div>
          <h3 className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase">
            Contact fields · {formatCount(registry.fields.length)}
          </h3>
          <ul className="flex flex-wrap gap-1.5" aria-label="Contact fields">
            {registry.fields.map((f) => (
              <li key={f.key} className="rounded-md bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700" title={`${f.key} · ${f.type}`}>
                {f.label} <span className="text-zinc-400">{f.type}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase">
            Activity types · {formatCount(registry.activities.length)}
          </h3>
          {registry.activities.length === 0 ? (
            <p className="text-sm text-zinc-500">None yet: import activities to add some.</p>
          ) : (
            <ul className="flex flex-wrap gap-1.5" aria-label="Activity types">
              {registry.activities.map((a) => (
                <li key={a.key} className="rounded-md bg-zinc-100 px-2 py-0.5 font-mono text-xs text-zinc-700" title={a.label}>
                  {a.key}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Card>
  );
}
