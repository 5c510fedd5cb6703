"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorInfo } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import type { RouterOutputs, ScoreModelDetail } from "@/trpc/types";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { DateTime } from "../ui/date-time";
import { Dialog, DialogBody, DialogFooter } from "../ui/dialog";
import { Select, Textarea } from "../ui/field";
import { DownloadIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { useExportDocument } from "./use-export";

type Ref = number | "draft";
type Diff = RouterOutputs["scoreModel"]["diff"];

function refLabel(ref: Ref): string {
  return ref === "draft" ? "Draft" : `v${ref}`;
}

/**
 * Published versions, newest first: download any as JSON, compare any two (or a version and the
 * draft) in words, and roll back, which publishes an old version again as a new one.
 */
export function VersionsList({
  model,
  canEdit = false,
  onRolledBack,
}: {
  model: ScoreModelDetail;
  canEdit?: boolean;
  onRolledBack?: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { exportDocument, isPending } = useExportDocument();
  const latest = model.versions[0]?.version;
  const [from, setFrom] = useState<Ref | null>(null);
  const [to, setTo] = useState<Ref | null>(null);
  const [rollingBack, setRollingBack] = useState<number | null>(null);
  const [note, setNote] = useState("");

  // Default comparison: the previous version against the latest.
  const effectiveTo: Ref | null = to ?? latest ?? null;
  const effectiveFrom: Ref | null = from ?? model.versions[1]?.version ?? (latest ? latest : null);
  const canCompare =
    effectiveFrom !== null && effectiveTo !== null && effectiveFrom !== effectiveTo;
  const diff = useQuery(
    trpc.scoreModel.diff.queryOptions(
      { key: model.key, from: effectiveFrom ?? "draft", to: effectiveTo ?? "draft" },
      { enabled: canCompare },
    ),
  );

  const rollback = useMutation(
    trpc.scoreModel.rollback.mutationOptions({
      onSuccess: async (res) => {
        toast.success(
          `Rolled back: published v${res.version}`,
          res.runId ? "Rescoring every contact in the background." : undefined,
        );
        setRollingBack(null);
        setNote("");
        await queryClient.invalidateQueries({
          queryKey: trpc.scoreModel.get.queryKey({ key: model.key }),
        });
        await queryClient.invalidateQueries({ queryKey: trpc.scoreModel.list.queryKey() });
        onRolledBack?.();
      },
      onError: (error) => toast.error("Could not roll back", errorInfo(error).message),
    }),
  );

  const refs: Ref[] = [...model.versions.map((v) => v.version), "draft"];

  return (
    <Card>
      <CardHeader
        title="Versions"
        description={model.versions.length ? "Published versions are immutable." : undefined}
      />
      {model.versions.length === 0 ? (
        <p className="px-4 py-6 text-sm text-zinc-500">
          No published versions yet. Only the draft exists.
        </p>
      ) : (
        <>
          <ol className="divide-y divide-zinc-100" aria-label="Published versions">
            {model.versions.map((v) => (
              <li
                key={v.version}
                className="flex items-start gap-3 px-4 py-3"
                data-testid={`version-${v.version}`}
              >
                <span className="mt-0.5 inline-flex h-6 min-w-9 items-center justify-center rounded-md bg-zinc-100 px-1.5 text-xs font-semibold text-zinc-700 tabular-nums">
                  v{v.version}
                </span>
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <p className="truncate text-sm text-zinc-900">
                      {v.note || <span className="text-zinc-500">No note</span>}
                    </p>
                    {v.version === latest ? (
                      <Badge tone={model.enabled ? "success" : "muted"}>
                        {model.enabled ? "Live" : "Latest"}
                      </Badge>
                    ) : null}
                  </div>
                  <p className="mt-0.5 text-xs text-zinc-500">
                    <DateTime value={v.publishedAt} withTime /> · {v.publishedBy}
                  </p>
                </div>
                {canEdit && v.version !== latest ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      setNote(`Rolled back to v${v.version}`);
                      setRollingBack(v.version);
                    }}
                  >
                    Roll back
                  </Button>
                ) : null}
                <button
                  type="button"
                  onClick={() => exportDocument(model.key, v.version)}
                  aria-label={`Download v${v.version} as JSON`}
                  title={`Download v${v.version} as JSON`}
                  className="rounded-md p-1.5 text-zinc-400 transition-colors hover:bg-zinc-100 hover:text-zinc-700"
                >
                  {isPending(model.key, v.version) ? (
                    <Spinner className="size-4" />
                  ) : (
                    <DownloadIcon className="size-4" />
                  )}
                </button>
              </li>
            ))}
          </ol>
          <section
            aria-label="Compare versions"
            className="space-y-3 border-t border-zinc-200 px-4 py-3"
          >
            <div className="flex items-center gap-2 text-sm text-zinc-600">
              <span className="font-medium text-zinc-800">Compare</span>
              <Select
                aria-label="Compare from"
                className="h-8 w-auto pr-7 text-[13px]"
                value={String(effectiveFrom ?? "")}
                onChange={(e) => setFrom(parseRef(e.target.value))}
              >
                {refs.map((r) => (
                  <option key={String(r)} value={String(r)}>
                    {refLabel(r)}
                  </option>
                ))}
              </Select>
              <span aria-hidden="true">→</span>
              <Select
                aria-label="Compare to"
                className="h-8 w-auto pr-7 text-[13px]"
                value={String(effectiveTo ?? "")}
                onChange={(e) => setTo(parseRef(e.target.value))}
              >
                {refs.map((r) => (
                  <option key={String(r)} value={String(r)}>
                    {refLabel(r)}
                  </option>
                ))}
              </Select>
            </div>
            {!canCompare ? (
              <p className="text-xs text-zinc-500">Pick two different versions.</p>
            ) : diff.data ? (
              <DiffView diff={diff.data} />
            ) : diff.isError ? (
              <p className="text-xs text-red-700">{errorInfo(diff.error).message}</p>
            ) : (
              <Spinner className="size-4" />
            )}
          </section>
        </>
      )}
      <Dialog
        open={rollingBack !== null}
        onClose={() => setRollingBack(null)}
        busy={rollback.isPending}
        title={`Roll back to v${rollingBack ?? ""}?`}
        description={`This publishes v${rollingBack ?? ""}'s document again as v${(latest ?? 0) + 1} and replaces the current draft. Nothing is deleted: every version stays in the history.`}
      >
        <form
          className="flex min-h-0 flex-1 flex-col"
          onSubmit={(e) => {
            e.preventDefault();
            if (rollingBack !== null)
              rollback.mutate({
                key: model.key,
                version: rollingBack,
                note: note.trim() || undefined,
              });
          }}
        >
          <DialogBody>
            <label htmlFor="rollback-note" className="block text-sm font-medium text-zinc-800">
              Note
            </label>
            <Textarea
              id="rollback-note"
              className="mt-1.5"
              rows={2}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </DialogBody>
          <DialogFooter>
            <Button onClick={() => setRollingBack(null)} disabled={rollback.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={rollback.isPending}>
              Roll back
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </Card>
  );
}

function parseRef(value: string): Ref {
  return value === "draft" ? "draft" : Number(value);
}

const KIND: Record<string, string> = {
  filter: "Filter",
  activity: "Activity",
  inactivity: "Inactivity",
};

/** A diff in plain words: settings, then criteria added, removed and changed. */
export function DiffView({ diff }: { diff: Diff }) {
  if (diff.same) {
    return (
      <p className="text-xs text-zinc-500" data-testid="diff">
        {refLabel(diff.from)} and {refLabel(diff.to)} are the same.
      </p>
    );
  }
  return (
    <div className="space-y-3 text-[13px]" data-testid="diff">
      {diff.settings.length ? (
        <DiffGroup title="Settings">
          {diff.settings.map((c) => (
            <li key={c.field}>
              <Change field={c.field} from={c.from} to={c.to} />
            </li>
          ))}
        </DiffGroup>
      ) : null}
      {diff.added.length ? (
        <DiffGroup title="Added">
          {diff.added.map((c) => (
            <li key={c.id} className="border-l-2 border-emerald-500 pl-2">
              <p className="font-medium text-zinc-900">
                <span className="text-emerald-700">+</span> {c.label}{" "}
                <span className="font-normal text-zinc-500">({KIND[c.kind]})</span>
              </p>
              <p className="text-xs text-zinc-600">{c.summary}</p>
            </li>
          ))}
        </DiffGroup>
      ) : null}
      {diff.removed.length ? (
        <DiffGroup title="Removed">
          {diff.removed.map((c) => (
            <li key={c.id} className="border-l-2 border-red-500 pl-2">
              <p className="font-medium text-zinc-900">
                <span className="text-red-700">−</span> {c.label}{" "}
                <span className="font-normal text-zinc-500">({KIND[c.kind]})</span>
              </p>
              <p className="text-xs text-zinc-600 line-through decoration-zinc-400">{c.summary}</p>
            </li>
          ))}
        </DiffGroup>
      ) : null}
      {diff.changed.length ? (
        <DiffGroup title="Changed">
          {diff.changed.map((c) => (
            <li key={c.id} className="border-l-2 border-amber-400 pl-2">
              <p className="font-medium text-zinc-900">{c.label}</p>
              <ul className="mt-0.5 space-y-0.5">
                {c.changes.map((f) => (
                  <li key={f.field}>
                    <Change field={f.field} from={f.from} to={f.to} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </DiffGroup>
      ) : null}
    </div>
  );
}

function DiffGroup({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <p className="mb-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">
        {title}
      </p>
      <ul className="space-y-1.5">{children}</ul>
    </div>
  );
}

function Change({ field, from, to }: { field: string; from: string; to: string }) {
  return (
    <p className="text-xs text-zinc-600">
      <span className="font-medium text-zinc-800">{field}:</span>{" "}
      <span className="text-zinc-500 line-through decoration-zinc-300">{from}</span>{" "}
      <span aria-hidden="true">→</span>
      <span className="sr-only">changed to</span> <span className="text-zinc-900">{to}</span>
    </p>
  );
}
