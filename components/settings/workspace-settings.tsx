"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import { ROLE_HELP, ROLE_LABEL } from "../shell/roles";
import { useSession } from "../shell/session-context";
import { useFreshNavigation } from "../shell/use-fresh-navigation";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardBody, CardHeader } from "../ui/card";
import { useToast } from "../ui/toast";
import { ConfirmDialog, DangerText } from "./confirm-dialog";

/** The active workspace: its name and address, the viewer's role, and leaving it. */
export function WorkspaceSettings() {
  const session = useSession();
  const role = session.actor.role;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Workspace"
          description="Contacts, score models and members belong to one workspace."
        />
        <CardBody>
          <dl className="grid grid-cols-1 gap-x-8 gap-y-5 sm:grid-cols-[12rem_1fr]">
            <dt className="text-sm font-medium text-zinc-500">Name</dt>
            <dd className="text-sm text-zinc-900" data-testid="settings-workspace-name">
              {session.workspace.name}
            </dd>
            <dt className="text-sm font-medium text-zinc-500">Identifier</dt>
            <dd>
              <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] text-zinc-700">
                {session.workspace.slug}
              </code>
            </dd>
            <dt className="text-sm font-medium text-zinc-500">Your role</dt>
            <dd className="text-sm text-zinc-900">
              <Badge tone={role === "admin" ? "accent" : "neutral"} data-testid="settings-role">
                {ROLE_LABEL[role]}
              </Badge>
              <p className="mt-1.5 text-[13px] text-zinc-500">
                {ROLE_HELP[role]}{" "}
                {role === "admin" ? null : (
                  <>
                    Admins change roles on the{" "}
                    <Link
                      href="/settings/members"
                      className="font-medium text-indigo-600 hover:text-indigo-500"
                    >
                      Members
                    </Link>{" "}
                    page.
                  </>
                )}
              </p>
            </dd>
          </dl>
        </CardBody>
      </Card>
      <LeaveWorkspace />
    </div>
  );
}

function LeaveWorkspace() {
  const trpc = useTRPC();
  const toast = useToast();
  const navigate = useFreshNavigation();
  const { workspace } = useSession();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leave = useMutation(
    trpc.workspace.leave.mutationOptions({
      onSuccess: () => {
        toast.success(`You left ${workspace.name}`);
        // The layout picks another workspace, or offers to create one.
        navigate("/scores");
      },
      onError: (e) => setError(errorInfo(e).message),
    }),
  );
  return (
    <Card>
      <CardHeader title="Leave workspace" />
      <CardBody className="flex flex-wrap items-center justify-between gap-4">
        <p className="max-w-xl text-sm text-zinc-500">
          You lose access to its contacts and models until someone invites you again. The last admin
          cannot leave.
        </p>
        <Button
          className="hover:bg-red-50"
          onClick={() => {
            setError(null);
            setOpen(true);
          }}
        >
          <DangerText>Leave {workspace.name}</DangerText>
        </Button>
      </CardBody>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Leave ${workspace.name}?`}
        confirmLabel="Leave workspace"
        pending={leave.isPending || leave.isSuccess}
        error={error}
        onConfirm={() => leave.mutate()}
      >
        <p>You will no longer see its contacts, models or members. Your past changes stay.</p>
      </ConfirmDialog>
    </Card>
  );
}
