"use client";
import type { ScoreModelDetail } from "@/trpc/types";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { DateTime } from "../ui/date-time";
import { DownloadIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { useExportDocument } from "./use-export";

/** Published versions, newest first; each can be downloaded as JSON. */
export function VersionsList({ model }: { model: ScoreModelDetail }) {
  const { exportDocument, isPending } = useExportDocument();
  const latest = model.versions[0]?.version;
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
      )}
    </Card>
  );
}
