"use client";
import type { ReactNode } from "react";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import type { ModelDocument } from "@/core/scoring/document";
import { useTRPC } from "@/trpc/client";
import type { ScoreModelDetail } from "@/trpc/types";
import { formatCount } from "../score/format";
import { BandChip } from "../score/score-value";
import { useCan } from "../shell/session-context";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { DateTime } from "../ui/date-time";
import { ChevronLeftIcon, DownloadIcon, InfoIcon, TrashIcon, WarningIcon } from "../ui/icons";
import { BandBar } from "./band-distribution";
import { CriterionCard } from "./criterion-card";
import { DeleteModelDialog } from "./delete-model-dialog";
import { EnabledSwitch } from "./enabled-switch";
import { KIND_LABEL } from "./labels";
import { ModelSettings } from "./model-settings";
import { makeLabeler } from "./registry-labels";
import { isRunActive, RunProgress } from "./run-progress";
import { useExportDocument } from "./use-export";
import { VersionsList } from "./versions-list";

const POLL_MS = 1500;

// The canvas measures the DOM: render it in the browser only.
const ModelEditor = dynamic(() => import("../rule-editor/editor").then((m) => m.ModelEditor), {
  ssr: false,
  loading: () => (
    <div
      className="h-[700px] animate-pulse rounded-lg border border-zinc-200 bg-zinc-50"
      aria-label="Loading the editor"
    />
  ),
});

export function ModelView({ modelKey }: { modelKey: string }) {
  const trpc = useTRPC();
  const { data: model } = useSuspenseQuery(
    trpc.scoreModel.get.queryOptions(
      { key: modelKey },
      { refetchInterval: (query) => (isRunActive(query.state.data?.run) ? POLL_MS : false) },
    ),
  );
  const isAdmin = useCan("admin");
  const canEdit = useCan("editor");
  // Bumped after a rollback replaces the draft, so the editor starts again from the server's.
  const [editorGeneration, setEditorGeneration] = useState(0);
  const { exportDocument, isPending } = useExportDocument();
  const [deleting, setDeleting] = useState(false);
  const labels = useMemo(() => makeLabeler(model.registry), [model.registry]);

  // Show what is live: the latest published version, or the draft when nothing is published.
  const document = (model.published?.document ?? model.draft) as ModelDocument;
  const isDraftOnly = !model.published;
  const stale = !model.enabled;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4">
        <Link
          href="/scores"
          className="inline-flex items-center gap-1 rounded text-sm text-zinc-500 hover:text-zinc-900"
        >
          <ChevronLeftIcon className="size-4" />
          Scores
        </Link>
      </nav>

      <header className="flex flex-wrap items-start justify-between gap-4 pb-6">
        <div className="flex min-w-0 items-center gap-4">
          <span
            aria-hidden="true"
            className="flex size-14 shrink-0 items-center justify-center rounded-xl bg-zinc-100 text-3xl"
          >
            {model.emoji}
          </span>
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-zinc-900">
              <span className="sr-only">{model.emoji} </span>
              {model.name}
            </h1>
            <div className="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-zinc-500">
              <Badge tone="accent">{KIND_LABEL[model.kind]}</Badge>
              {model.published ? (
                <Badge tone="neutral" data-testid="model-version">
                  v{model.published.version}
                </Badge>
              ) : (
                <Badge tone="muted" data-testid="model-version">
                  Draft only
                </Badge>
              )}
              {model.published && model.hasDraftChanges ? (
                <Badge tone="warning">Unpublished draft changes</Badge>
              ) : null}
              <code className="font-mono text-xs">{model.key}</code>
              {model.published ? (
                <span className="text-xs">
                  · Published <DateTime value={model.published.publishedAt} /> by{" "}
                  {model.published.publishedBy}
                </span>
              ) : null}
            </div>
          </div>
        </div>

        <div className="flex flex-wrap items-center gap-2">
          {isAdmin ? (
            <div className="mr-2 flex items-center gap-2 rounded-md px-2 py-1.5 ring-1 ring-zinc-200">
              <EnabledSwitch model={model} size="sm" />
              <span className="text-sm font-medium text-zinc-700" aria-hidden="true">
                {model.enabled ? "On" : "Off"}
              </span>
            </div>
          ) : (
            <Badge tone={model.enabled ? "success" : "muted"}>{model.enabled ? "On" : "Off"}</Badge>
          )}
          <Button
            icon={<DownloadIcon className="size-4" />}
            pending={isPending(model.key)}
            onClick={() => exportDocument(model.key)}
          >
            Export JSON
          </Button>
          {isAdmin ? (
            <Button
              variant="secondary"
              className="text-red-700 hover:bg-red-50"
              icon={<TrashIcon className="size-4" />}
              onClick={() => setDeleting(true)}
            >
              Delete
            </Button>
          ) : null}
        </div>
      </header>

      <div className="space-y-6">
        {stale ? (
          <Notice tone="muted" testId="stale-notice">
            This model is off since <DateTime value={model.enabledChangedAt} withTime />. Its scores
            are not updated and are shown as stale; audiences and journeys that use it show a
            warning.
          </Notice>
        ) : null}
        {isDraftOnly ? (
          <Notice tone="warning" testId="draft-notice">
            <strong className="font-semibold">Draft — not published.</strong> Nothing is scored
            until a version is published. Below is the current draft.
          </Notice>
        ) : null}

        <ModelEditor key={`${model.key}:${editorGeneration}`} model={model} readOnly={!canEdit} />

        <DistributionCard model={model} stale={stale} />

        <div className="grid gap-6 xl:grid-cols-3">
          <section aria-labelledby="criteria-heading" className="xl:col-span-2">
            <div className="mb-3 flex items-baseline justify-between gap-4">
              <h2 id="criteria-heading" className="text-base font-semibold text-zinc-900">
                Criteria
              </h2>
              <p className="text-sm text-zinc-500">
                {isDraftOnly ? "Draft" : `Live: v${model.published?.version}`} ·{" "}
                {document.criteria.length}{" "}
                {document.criteria.length === 1 ? "criterion" : "criteria"}
              </p>
            </div>
            {document.criteria.length === 0 ? (
              <div className="rounded-lg border border-dashed border-zinc-300 px-6 py-10 text-center">
                <p className="text-sm font-medium text-zinc-900">No criteria yet</p>
                <p className="mt-1 text-sm text-zinc-500">
                  Criteria add or subtract points for fields, activities and inactivity.
                </p>
              </div>
            ) : (
              <ul className="space-y-3" aria-labelledby="criteria-heading">
                {document.criteria.map((c) => (
                  <CriterionCard key={c.id} criterion={c} model={document} labels={labels} />
                ))}
              </ul>
            )}
          </section>

          <div className="space-y-6">
            <ModelSettings document={document} />
            <VersionsList
              model={model}
              canEdit={canEdit}
              onRolledBack={() => setEditorGeneration((g) => g + 1)}
            />
          </div>
        </div>
      </div>

      {isAdmin ? (
        <DeleteModelDialog
          open={deleting}
          onClose={() => setDeleting(false)}
          model={{
            key: model.key,
            name: model.name,
            emoji: model.emoji,
            versionCount: model.versions.length,
            contactsScored: model.stats.contactsScored,
          }}
        />
      ) : null}
    </>
  );
}

function Notice({
  tone,
  testId,
  children,
}: {
  tone: "warning" | "muted";
  testId: string;
  children: ReactNode;
}) {
  const Icon = tone === "warning" ? WarningIcon : InfoIcon;
  return (
    <div
      role="status"
      data-testid={testId}
      className={
        tone === "warning"
          ? "flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          : "flex items-start gap-3 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 text-sm text-zinc-700"
      }
    >
      <Icon className="mt-px size-5 shrink-0" />
      <p>{children}</p>
    </div>
  );
}

function DistributionCard({ model, stale }: { model: ScoreModelDetail; stale: boolean }) {
  const { stats, run } = model;
  const total = stats.contactsScored;
  return (
    <Card>
      <CardHeader
        title="Distribution"
        description={
          total > 0 ? (
            <>
              {formatCount(total)} contacts scored
              {stats.asOf ? (
                <>
                  {" "}
                  · as of <DateTime value={stats.asOf} withTime />
                </>
              ) : null}
              {stale ? " · stale" : ""}
            </>
          ) : (
            "No contacts scored yet"
          )
        }
      />
      <div className="space-y-4 p-4">
        {run && isRunActive(run) ? <RunProgress run={run} modelName={model.name} /> : null}
        {model.scoringError ? (
          <div
            role="alert"
            data-testid="scoring-error"
            className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            <p className="font-medium">Scoring this model is failing; its scores are not updated.</p>
            <p className="mt-0.5">{model.scoringError}</p>
            <p className="mt-0.5 text-xs text-red-700">
              Other models keep scoring. Since{" "}
              {model.scoringFailedAt ? <DateTime value={model.scoringFailedAt} compact /> : "now"}.
            </p>
          </div>
        ) : run?.status === "failed" ? (
          <p className="text-sm font-medium text-red-700">
            The last rescore failed. Scores are from the run before it.
          </p>
        ) : null}
        {total === 0 ? (
          <p className="text-sm text-zinc-500">
            {model.published
              ? "Scores appear here once the first rescore has run."
              : "Publish a version to score contacts; the distribution across bands shows up here."}
          </p>
        ) : (
          <>
            <BandBar bands={stats.bands} stale={stale} size="lg" />
            <ul
              className="grid grid-cols-[repeat(auto-fit,minmax(120px,1fr))] gap-3"
              aria-label="Contacts per band"
            >
              {stats.bands.map((b) => (
                <li key={b.label} className="rounded-md border border-zinc-200 px-3 py-2">
                  <BandChip band={b} stale={stale} size="sm" />
                  <p className="mt-1.5 text-lg font-semibold text-zinc-900 tabular-nums">
                    {formatCount(b.count)}
                  </p>
                  <p className="text-xs text-zinc-500 tabular-nums">
                    {total > 0 ? `${Math.round((b.count / total) * 100)}%` : "0%"} · score ≥ {b.min}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Card>
  );
}
