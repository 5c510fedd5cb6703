"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import type { ScoreModelListItem } from "@/trpc/types";
import { formatCount } from "../score/format";
import { PageHeader } from "../shell/page-header";
import { useCan } from "../shell/session-context";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { DateTime } from "../ui/date-time";
import { EmptyState } from "../ui/empty-state";
import { PlusIcon, ScoresIcon, UploadIcon } from "../ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { BandBar, BandLegend } from "./band-distribution";
import { EnabledSwitch } from "./enabled-switch";
import { ImportModelDialog } from "./import-model-dialog";
import { KIND_LABEL } from "./labels";
import { NewModelDialog } from "./new-model-dialog";
import { isRunActive, RunProgress } from "./run-progress";

/** Poll while any model is being rescored, so progress moves without a reload. */
const POLL_MS = 1500;

export function ScoreModelsView() {
  const trpc = useTRPC();
  const { data: models } = useSuspenseQuery(
    trpc.scoreModel.list.queryOptions(undefined, {
      refetchInterval: (query) =>
        query.state.data?.some((m) => isRunActive(m.run)) ? POLL_MS : false,
    }),
  );
  const canEdit = useCan("editor");
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  return (
    <>
      <PageHeader
        title="Scores"
        description="Score models rank every contact from 0 to 100 by fit, engagement or health."
        actions={
          canEdit ? (
            <>
              <Button icon={<UploadIcon className="size-4" />} onClick={() => setImporting(true)}>
                Import model
              </Button>
              <Button
                variant="primary"
                icon={<PlusIcon className="size-4" />}
                onClick={() => setCreating(true)}
              >
                New model
              </Button>
            </>
          ) : null
        }
      />

      {models.length === 0 ? (
        <EmptyState
          icon={<ScoresIcon className="size-6" />}
          title="No score models yet"
          description="A score model adds up points for who a contact is and what they do, then sorts everyone into bands such as Cold, Warm and Hot."
          action={
            canEdit ? (
              <Button
                variant="primary"
                icon={<PlusIcon className="size-4" />}
                onClick={() => setCreating(true)}
              >
                Create model
              </Button>
            ) : null
          }
        />
      ) : (
        <ModelsTable models={models} />
      )}

      <NewModelDialog open={creating} onClose={() => setCreating(false)} />
      <ImportModelDialog open={importing} onClose={() => setImporting(false)} />
    </>
  );
}

function ModelsTable({ models }: { models: ScoreModelListItem[] }) {
  const isAdmin = useCan("admin");
  return (
    <Card className="overflow-hidden">
      <Table aria-label="Score models" data-testid="score-models-table">
        <THead>
          <TR>
            <TH>Model</TH>
            <TH className="w-24">Version</TH>
            <TH className="w-28 text-right">Contacts</TH>
            <TH className="w-[36%]">Distribution</TH>
            <TH className="w-28">{isAdmin ? "Enabled" : "Status"}</TH>
          </TR>
        </THead>
        <TBody>
          {models.map((m) => (
            <ModelRow key={m.id} model={m} isAdmin={isAdmin} />
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

function ModelRow({ model: m, isAdmin }: { model: ScoreModelListItem; isAdmin: boolean }) {
  const stale = !m.enabled;
  const active = isRunActive(m.run);
  return (
    <TR data-testid={`model-row-${m.key}`} className={cn("transition-colors hover:bg-zinc-50/70")}>
      <TD>
        <div className="flex items-center gap-3">
          <span
            aria-hidden="true"
            className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-lg leading-none"
          >
            {m.emoji}
          </span>
          <div className="min-w-0">
            <Link
              href={`/scores/${m.key}`}
              className="block truncate rounded font-medium text-zinc-900 hover:text-indigo-600 hover:underline"
            >
              <span className="sr-only">{m.emoji} </span>
              {m.name}
            </Link>
            <div className="mt-0.5 flex items-center gap-2 text-xs whitespace-nowrap text-zinc-500">
              <span>{KIND_LABEL[m.kind]}</span>
              <span aria-hidden="true">·</span>
              <code className="font-mono text-[11px]">{m.key}</code>
            </div>
          </div>
        </div>
      </TD>
      <TD className="whitespace-nowrap">
        {m.latestVersion !== null ? (
          <div className="flex flex-col items-start gap-1">
            <span className="font-medium text-zinc-900 tabular-nums">v{m.latestVersion}</span>
            {m.hasDraftChanges ? (
              <span className="text-xs text-amber-700">Draft changes</span>
            ) : null}
            {m.scoringError ? (
              <span className="text-xs font-medium text-red-700" title={m.scoringError}>
                Scoring failing
              </span>
            ) : null}
          </div>
        ) : (
          <Badge tone="muted">Draft only</Badge>
        )}
      </TD>
      <TD className="text-right whitespace-nowrap">
        <span className={cn("font-medium tabular-nums", stale ? "text-zinc-500" : "text-zinc-900")}>
          {formatCount(m.contactsScored)}
        </span>
        {m.asOf ? (
          <div className="mt-0.5 text-xs text-zinc-500">
            as of <DateTime value={m.asOf} compact />
          </div>
        ) : null}
      </TD>
      <TD>
        {active && m.run ? (
          <RunProgress run={m.run} modelName={m.name} />
        ) : m.contactsScored > 0 ? (
          <div className="space-y-2">
            <BandBar bands={m.bands} stale={stale} />
            <BandLegend bands={m.bands} stale={stale} />
          </div>
        ) : (
          <span className="text-xs text-zinc-500">
            {m.latestVersion === null
              ? "Publish a version to start scoring"
              : "No contacts scored yet"}
          </span>
        )}
        {m.run?.status === "failed" ? (
          <p className="mt-1 text-xs font-medium text-red-700">Last rescore failed</p>
        ) : null}
      </TD>
      <TD>
        <div className="flex flex-col items-start gap-1">
          {isAdmin ? (
            <EnabledSwitch model={m} size="sm" />
          ) : (
            <Badge tone={m.enabled ? "success" : "muted"}>{m.enabled ? "On" : "Off"}</Badge>
          )}
          {stale ? (
            <span className="text-xs text-zinc-500" data-testid="stale-marker">
              Off since <DateTime value={m.enabledChangedAt} compact />
            </span>
          ) : null}
        </div>
      </TD>
    </TR>
  );
}
