"use client";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import type { RouterOutputs } from "@/trpc/types";
import { UserPlusIcon } from "../shell/icons";
import { ROLE_LABEL, ROLES, type Role } from "../shell/roles";
import { useCan, useSession } from "../shell/session-context";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { DateTime } from "../ui/date-time";
import { EmptyState } from "../ui/empty-state";
import { Select } from "../ui/field";
import { InfoIcon } from "../ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { useToast } from "../ui/toast";
import { ConfirmDialog, DangerText } from "./confirm-dialog";
import { InviteDialog } from "./invite-dialog";

type Member = RouterOutputs["member"]["list"][number];
type Invitation = RouterOutputs["invitation"]["list"][number];

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p.charAt(0).toUpperCase())
      .join("") || "?"
  );
}

export function MembersView() {
  const trpc = useTRPC();
  const session = useSession();
  const isAdmin = useCan("admin");
  const { data: members } = useSuspenseQuery(trpc.member.list.queryOptions());
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const admins = members.filter((m) => m.role === "admin");

  return (
    <div className="space-y-6">
      {!isAdmin ? (
        <p
          className="flex items-start gap-2 rounded-lg bg-zinc-50 px-4 py-3 text-sm text-zinc-600 ring-1 ring-zinc-200"
          data-testid="members-read-only"
        >
          <InfoIcon className="mt-0.5 size-4 shrink-0 text-zinc-400" />
          <span>
            Only admins can invite people, change roles or remove members. Ask{" "}
            {admins.length ? (
              <strong className="font-medium text-zinc-800">
                {admins.map((a) => a.name).join(", ")}
              </strong>
            ) : (
              "an admin"
            )}
            .
          </span>
        </p>
      ) : null}

      <Card className="overflow-hidden">
        <CardHeader
          title="Members"
          description={`${members.length} ${members.length === 1 ? "person" : "people"} in ${session.workspace.name}`}
          actions={
            isAdmin ? (
              <Button
                variant="primary"
                size="sm"
                icon={<UserPlusIcon className="size-4" />}
                onClick={() => setInviting(true)}
              >
                Invite people
              </Button>
            ) : null
          }
        />
        <Table aria-label="Members">
          <THead>
            <TR>
              <TH>Name</TH>
              <TH className="w-44">Role</TH>
              <TH className="w-36">Joined</TH>
              {isAdmin ? (
                <TH className="w-28">
                  <span className="sr-only">Actions</span>
                </TH>
              ) : null}
            </TR>
          </THead>
          <TBody>
            {members.map((m) => (
              <MemberRow
                key={m.userId}
                member={m}
                isSelf={m.userId === session.user.id}
                isAdmin={isAdmin}
                onRemove={() => setRemoving(m)}
              />
            ))}
          </TBody>
        </Table>
      </Card>

      {isAdmin ? <PendingInvitations onInvite={() => setInviting(true)} /> : null}

      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        workspaceName={session.workspace.name}
      />
      <RemoveMemberDialog member={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}

function MemberRow({
  member: m,
  isSelf,
  isAdmin,
  onRemove,
}: {
  member: Member;
  isSelf: boolean;
  isAdmin: boolean;
  onRemove: () => void;
}) {
  return (
    <TR data-testid={`member-row-${m.email}`}>
      <TD>
        <div className="flex items-center gap-3">
          <span
            aria-hidden="true"
            className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold text-zinc-700"
          >
            {initials(m.name)}
          </span>
          <div className="min-w-0">
            <p className="truncate font-medium text-zinc-900">
              {m.name}
              {isSelf ? (
                <span className="ml-1.5 text-xs font-normal text-zinc-500">(you)</span>
              ) : null}
            </p>
            <p className="truncate text-[13px] text-zinc-500">{m.email}</p>
          </div>
        </div>
      </TD>
      <TD>{isAdmin ? <RoleSelect member={m} isSelf={isSelf} /> : <RoleBadge role={m.role} />}</TD>
      <TD className="text-zinc-600">
        <DateTime value={m.joinedAt} />
      </TD>
      {isAdmin ? (
        <TD className="text-right">
          {isSelf ? null : (
            <Button
              size="sm"
              variant="ghost"
              className="hover:bg-red-50"
              aria-label={`Remove ${m.name}`}
              onClick={onRemove}
            >
              <DangerText>Remove</DangerText>
            </Button>
          )}
        </TD>
      ) : null}
    </TR>
  );
}

function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={role === "admin" ? "accent" : "neutral"}>{ROLE_LABEL[role]}</Badge>;
}

/** Saves on change; the server refuses to leave the workspace without an admin and says so. */
function RoleSelect({ member, isSelf }: { member: Member; isSelf: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const update = useMutation(
    trpc.member.updateRole.mutationOptions({
      onSuccess: async ({ role }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey() });
        toast.success(`${member.name} is now ${ROLE_LABEL[role].toLowerCase()}`);
        // Changing your own role changes what the shell may show you.
        if (isSelf) router.refresh();
      },
      onError: (e) => toast.error("Role not changed", errorInfo(e).message),
    }),
  );
  // Optimistic: show the chosen role while saving; an error falls back to the saved one.
  const shown = update.isPending ? (update.variables?.role ?? member.role) : member.role;
  return (
    <Select
      aria-label={`Role for ${member.name}`}
      value={shown}
      disabled={update.isPending}
      onChange={(e) => update.mutate({ userId: member.userId, role: e.target.value as Role })}
      className="h-8 w-32"
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABEL[r]}
        </option>
      ))}
    </Select>
  );
}

function RemoveMemberDialog({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { workspace } = useSession();
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey() });
        toast.success(`Removed ${member?.name ?? "member"}`);
        close();
      },
      onError: (e) => setError(errorInfo(e).message),
    }),
  );
  function close() {
    setError(null);
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={member !== null}
      onClose={close}
      title={`Remove ${member?.name ?? ""} from ${workspace.name}?`}
      confirmLabel="Remove member"
      pending={remove.isPending}
      error={error}
      onConfirm={() => member && remove.mutate({ userId: member.userId })}
      data-testid="remove-member-dialog"
    >
      <p>
        {member?.email} loses access right away. Models and history they changed stay. You can
        invite them again later.
      </p>
    </ConfirmDialog>
  );
}

function PendingInvitations({ onInvite }: { onInvite: () => void }) {
  const trpc = useTRPC();
  const { data: invitations, isPending, error } = useQuery(trpc.invitation.list.queryOptions());
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Pending invitations"
        description="Links not used yet. Each works once, until it expires."
      />
      {isPending ? (
        <p className="px-4 py-6 text-sm text-zinc-500">Loading invitations…</p>
      ) : error ? (
        <p role="alert" className="px-4 py-6 text-sm text-red-700">
          {errorInfo(error).message}
        </p>
      ) : invitations.length === 0 ? (
        <EmptyState
          className="m-4 py-10"
          title="No pending invitations"
          description="Invite teammates as admins, editors or viewers with a link."
          action={
            <Button size="sm" icon={<UserPlusIcon className="size-4" />} onClick={onInvite}>
              Invite people
            </Button>
          }
        />
      ) : (
        <Table aria-label="Pending invitations">
          <THead>
            <TR>
              <TH>Role</TH>
              <TH>Created</TH>
              <TH>Expires</TH>
              <TH className="w-28">
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {invitations.map((inv) => (
              <TR key={inv.id} data-testid="invitation-row">
                <TD>
                  <RoleBadge role={inv.role} />
                </TD>
                <TD className="text-zinc-600">
                  <DateTime value={inv.createdAt} withTime />
                </TD>
                <TD className="text-zinc-600">
                  <DateTime value={inv.expiresAt} withTime />
                </TD>
                <TD className="text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    className="hover:bg-red-50"
                    onClick={() => setRevoking(inv)}
                  >
                    <DangerText>Revoke</DangerText>
                  </Button>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <RevokeInvitationDialog invitation={revoking} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function RevokeInvitationDialog({
  invitation,
  onClose,
}: {
  invitation: Invitation | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() });
        toast.success("Invitation revoked", "The link no longer works.");
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
  const role = invitation ? ROLE_LABEL[invitation.role].toLowerCase() : "";
  return (
    <ConfirmDialog
      open={invitation !== null}
      onClose={close}
      title={`Revoke this ${role} invitation?`}
      confirmLabel="Revoke link"
      pending={revoke.isPending}
      error={error}
      onConfirm={() => invitation && revoke.mutate({ id: invitation.id })}
    >
      <p>
        Whoever has the link can no longer join with it. Someone who already joined stays a member.
      </p>
    </ConfirmDialog>
  );
}
