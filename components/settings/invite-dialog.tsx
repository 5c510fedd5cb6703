"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import { FormAlert } from "../auth/auth-frame";
import { ROLE_HELP, ROLE_LABEL, ROLES, type Role } from "../shell/roles";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { DateTime } from "../ui/date-time";
import { Dialog, DIALOG_FORM_CLASS, DialogBody, DialogFooter } from "../ui/dialog";
import { Field, Select } from "../ui/field";
import { CopyField } from "./copy-field";

const EXPIRY_DAYS = [1, 7, 14, 30] as const;

/**
 * Creates a single-use invitation link. There is no email server: the admin copies the link and
 * sends it themselves. The token is shown once (the server keeps only its hash).
 */
export function InviteDialog({
  open,
  onClose,
  workspaceName,
}: {
  open: boolean;
  onClose: () => void;
  workspaceName: string;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Invite people"
      description={`Create a link that lets one person join ${workspaceName}.`}
      data-testid="invite-dialog"
    >
      <InviteForm onClose={onClose} />
    </Dialog>
  );
}

function InviteForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { role: useId(), expiry: useId() };
  const [role, setRole] = useState<Role>("editor");
  const [days, setDays] = useState<number>(7);
  const [error, setError] = useState<string | null>(null);

  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() }),
      onError: (e) => setError(errorInfo(e).message),
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    create.mutate({ role, expiresInDays: days });
  }

  if (create.data) {
    const link = `${window.location.origin}${create.data.path}`;
    return (
      <>
        <DialogBody className="space-y-4">
          <CopyField label="Invitation link" value={link} data-testid="invite-link" />
          <p className="text-sm text-zinc-600">
            Anyone with this link can join once as{" "}
            <strong className="font-medium text-zinc-900">
              {ROLE_LABEL[create.data.role].toLowerCase()}
            </strong>{" "}
            until <DateTime value={create.data.expiresAt} withTime />. Send it to one person; you
            can revoke it from the pending invitations.
          </p>
          <p className="rounded-md bg-amber-50 px-3 py-2 text-[13px] text-amber-900 ring-1 ring-amber-600/20">
            Copy it now: for security, the link is not shown again.
          </p>
        </DialogBody>
        <DialogFooter>
          <Button variant="primary" onClick={onClose} data-autofocus>
            Done
          </Button>
        </DialogFooter>
      </>
    );
  }

  return (
    <form onSubmit={onSubmit} className={DIALOG_FORM_CLASS}>
      <DialogBody className="space-y-5">
        {error ? <FormAlert>{error}</FormAlert> : null}
        <fieldset>
          <legend id={ids.role} className="text-sm font-medium text-zinc-800">
            Role
          </legend>
          <div className="mt-1.5 space-y-2">
            {ROLES.map((r) => (
              <label
                key={r}
                className={cn(
                  "flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 transition-colors",
                  role === r ? "bg-indigo-50/60 ring-indigo-600" : "ring-zinc-200 hover:bg-zinc-50",
                )}
              >
                <input
                  type="radio"
                  name="role"
                  value={r}
                  checked={role === r}
                  onChange={() => setRole(r)}
                  className="mt-0.5 size-4 accent-indigo-600"
                />
                <span>
                  <span className="block text-sm font-medium text-zinc-900">{ROLE_LABEL[r]}</span>
                  <span className="block text-[13px] text-zinc-500">{ROLE_HELP[r]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field id={ids.expiry} label="Link works for" className="max-w-48">
          <Select id={ids.expiry} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {EXPIRY_DAYS.map((d) => (
              <option key={d} value={d}>
                {d === 1 ? "1 day" : `${d} days`}
              </option>
            ))}
          </Select>
        </Field>
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create invite link
        </Button>
      </DialogFooter>
    </form>
  );
}
