"use client";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import type { RouterOutputs } from "@/trpc/types";
import { KeyIcon, LockIcon } from "../shell/icons";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { cn } from "../ui/cn";
import { DateTime } from "../ui/date-time";
import { EmptyState } from "../ui/empty-state";
import { PlusIcon } from "../ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { useToast } from "../ui/toast";
import { SCOPE_HELP, SCOPE_LABEL } from "./api-key-labels";
import { ConfirmDialog, DangerText } from "./confirm-dialog";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

type ApiKey = RouterOutputs["apiKey"]["list"][number];

/** Non-admins cannot list keys (the server refuses); they get an explanation instead. */
export function ApiKeysNotice({ admins }: { admins: string[] }) {
  return (
    <EmptyState
      icon={<LockIcon className="size-6" />}
      title="API keys are managed by admins"
      description={
        <>
          Keys let scripts and integrations read scores or send data to this workspace. Ask{" "}
          {admins.length ? (
            <strong className="font-medium text-zinc-700">{admins.join(", ")}</strong>
          ) : (
            "an admin"
          )}{" "}
          if you need one.
        </>
      }
    />
  );
}

export function ApiKeysView() {
  const trpc = useTRPC();
  const { data: keys } = useSuspenseQuery(trpc.apiKey.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const active = keys.filter((k) => !k.revokedAt).length;

  return (
    <>
      {keys.length === 0 ? (
        <EmptyState
          icon={<KeyIcon className="size-6" />}
          title="No API keys yet"
          description="Create a key for each script or integration, with only the scope it needs. You can revoke it at any time."
          action={
            <Button
              variant="primary"
              icon={<PlusIcon className="size-4" />}
              onClick={() => setCreating(true)}
            >
              Create API key
            </Button>
          }
        />
      ) : (
        <Card className="overflow-hidden">
          <CardHeader
            title="API keys"
            description={`${active} active · keys are shown once, when created`}
            actions={
              <Button
                variant="primary"
                size="sm"
                icon={<PlusIcon className="size-4" />}
                onClick={() => setCreating(true)}
              >
                Create API key
              </Button>
            }
          />
          <Table aria-label="API keys">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Key</TH>
                <TH>Scope</TH>
                <TH>Created</TH>
                <TH>Last used</TH>
                <TH>Status</TH>
                <TH className="w-24">
                  <span className="sr-only">Actions</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {keys.map((k) => (
                <TR
                  key={k.id}
                  data-testid={`api-key-row-${k.prefix}`}
                  className={cn(k.revokedAt && "text-zinc-400")}
                >
                  <TD
                    className={cn("font-medium", k.revokedAt ? "text-zinc-500" : "text-zinc-900")}
                  >
                    {k.name}
                  </TD>
                  <TD>
                    <code className="font-mono text-[13px] text-zinc-600">{k.prefix}…</code>
                  </TD>
                  <TD>
                    <span title={SCOPE_HELP[k.scope]}>
                      <Badge tone={k.scope === "admin" ? "accent" : "neutral"}>
                        {SCOPE_LABEL[k.scope]}
                      </Badge>
                    </span>
                  </TD>
                  <TD className="text-zinc-600">
                    <DateTime value={k.createdAt} compact />
                  </TD>
                  <TD className="text-zinc-600">
                    {k.lastUsedAt ? <DateTime value={k.lastUsedAt} compact /> : "Never"}
                  </TD>
                  <TD>
                    {k.revokedAt ? (
                      <Badge tone="muted">
                        Revoked <DateTime value={k.revokedAt} compact />
                      </Badge>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}
                  </TD>
                  <TD className="text-right">
                    {k.revokedAt ? null : (
                      <Button
                        size="sm"
                        variant="ghost"
                        className="hover:bg-red-50"
                        aria-label={`Revoke ${k.name}`}
                        onClick={() => setRevoking(k)}
                      >
                        <DangerText>Revoke</DangerText>
                      </Button>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </Card>
      )}
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} />
      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
        toast.success(
          `Revoked ${apiKey?.name ?? "the key"}`,
          "Requests with it are refused from now on.",
        );
        close();
      },
      onError: (e) => setError(errorInfo(e).message),
    }),
  );
  function close() {
    setError(null);
    revoke.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={apiKey !== null}
      onClose={close}
      title={`Revoke “${apiKey?.name ?? ""}”?`}
      confirmLabel="Revoke key"
      pending={revoke.isPending}
      error={error}
      onConfirm={() => apiKey && revoke.mutate({ id: apiKey.id })}
      data-testid="revoke-api-key-dialog"
    >
      <p>
        Anything using <code className="font-mono text-[13px]">{apiKey?.prefix}…</code> stops
        working immediately. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
