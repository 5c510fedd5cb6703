"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo, issuesFor } from "@/trpc/errors";
import { FormAlert } from "../auth/auth-frame";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Dialog, DIALOG_FORM_CLASS, DialogBody, DialogFooter } from "../ui/dialog";
import { Field, fieldAria, Input } from "../ui/field";
import { WarningIcon } from "../ui/icons";
import { SCOPE_HELP, SCOPE_LABEL, SCOPES, type ApiKeyScope } from "./api-key-labels";
import { CopyField } from "./copy-field";

export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create API key"
      description="For a script or integration that calls the Scorecraft API."
      data-testid="create-api-key-dialog"
    >
      <CreateApiKeyForm onClose={onClose} />
    </Dialog>
  );
}

function CreateApiKeyForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<ApiKeyScope>("read");
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() }),
      onError: (e) => {
        const info = errorInfo(e);
        const issue = issuesFor(info.issues, "name")[0];
        setNameError(issue?.message ?? null);
        setFormError(issue ? null : info.message);
      },
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) {
      setNameError("Name the key after what uses it");
      return;
    }
    setNameError(null);
    create.mutate({ name: name.trim(), scope });
  }

  if (create.data) {
    return (
      <>
        <DialogBody className="space-y-4">
          <div
            role="status"
            className="flex gap-3 rounded-md bg-amber-50 px-3 py-2.5 text-sm text-amber-900 ring-1 ring-amber-600/20"
          >
            <WarningIcon className="mt-0.5 size-5 shrink-0 text-amber-600" />
            <p>
              <strong className="font-semibold">Copy this key now. You won’t see it again.</strong>{" "}
              Scorecraft stores only a fingerprint of it. If you lose it, revoke it and create
              another.
            </p>
          </div>
          <CopyField
            label={`${create.data.name} (${SCOPE_LABEL[create.data.scope].toLowerCase()})`}
            value={create.data.key}
            data-testid="api-key-secret"
          />
          <p className="text-[13px] text-zinc-500">
            Send it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
          </p>
        </DialogBody>
        <DialogFooter>
          <Button variant="primary" onClick={onClose} data-autofocus>
            I have copied it
          </Button>
        </DialogFooter>
      </>
    );
  }

  return (
    <form onSubmit={onSubmit} className={DIALOG_FORM_CLASS} noValidate>
      <DialogBody className="space-y-5">
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        <Field
          id={nameId}
          label="Name"
          hint="What uses the key, e.g. “CRM sync”."
          error={nameError}
        >
          <Input
            {...fieldAria(nameId, nameError, true)}
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-800">Scope</legend>
          <div className="mt-1.5 space-y-2">
            {SCOPES.map((s) => (
              <label
                key={s}
                className={cn(
                  "flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 transition-colors",
                  scope === s
                    ? "bg-indigo-50/60 ring-indigo-600"
                    : "ring-zinc-200 hover:bg-zinc-50",
                )}
              >
                <input
                  type="radio"
                  name="scope"
                  value={s}
                  checked={scope === s}
                  onChange={() => setScope(s)}
                  className="mt-0.5 size-4 accent-indigo-600"
                />
                <span>
                  <span className="block text-sm font-medium text-zinc-900">{SCOPE_LABEL[s]}</span>
                  <span className="block text-[13px] text-zinc-500">{SCOPE_HELP[s]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create key
        </Button>
      </DialogFooter>
    </form>
  );
}
