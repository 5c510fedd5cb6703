"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import { formatCount } from "../score/format";
import { Button } from "../ui/button";
import { Dialog, DIALOG_FORM_CLASS, DialogBody, DialogFooter } from "../ui/dialog";
import { Field, fieldAria, Input } from "../ui/field";
import { useToast } from "../ui/toast";

export interface DeletableModel {
  key: string;
  name: string;
  emoji: string;
  versionCount: number;
  contactsScored: number;
}

/** Deleting asks for the model's key to be typed, naming what goes with it (docs/ui.md). */
export function DeleteModelDialog({
  model,
  open,
  onClose,
}: {
  model: DeletableModel;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="sm"
      title={`Delete ${model.emoji} ${model.name}?`}
      data-testid="delete-model-dialog"
    >
      <DeleteForm model={model} onClose={onClose} />
    </Dialog>
  );
}

function DeleteForm({ model, onClose }: { model: DeletableModel; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim() === model.key;

  const remove = useMutation(
    trpc.scoreModel.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Deleted ${model.name}`);
        onClose();
        router.push("/scores");
        // Drop the page's cache so nothing refetches a model that no longer exists.
        queryClient.removeQueries({ queryKey: trpc.scoreModel.get.queryKey({ key: model.key }) });
        await queryClient.invalidateQueries({ queryKey: trpc.scoreModel.list.queryKey() });
      },
      onError: (e) => setError(errorInfo(e).message),
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!matches) {
      setError(`Type ${model.key} to confirm`);
      return;
    }
    setError(null);
    remove.mutate({ key: model.key, confirmKey: typed.trim() });
  }

  return (
    <form onSubmit={onSubmit} noValidate className={DIALOG_FORM_CLASS}>
      <DialogBody className="space-y-4">
        <div className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          This permanently deletes the model, its draft
          {model.versionCount === 0
            ? ""
            : model.versionCount === 1
              ? ", its published version"
              : `, its ${formatCount(model.versionCount)} published versions`}
          {model.contactsScored > 0
            ? ` and the stored scores of ${formatCount(model.contactsScored)} contacts`
            : ""}
          . Audiences and journeys that use it stop matching on it. This cannot be undone.
        </div>
        <Field
          id={inputId}
          label={
            <>
              Type{" "}
              <code className="rounded bg-zinc-100 px-1 font-mono text-[13px]">{model.key}</code> to
              confirm
            </>
          }
          error={error ?? undefined}
        >
          <Input
            {...fieldAria(inputId, error)}
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              setError(null);
            }}
            autoComplete="off"
            spellCheck={false}
            mono
            data-autofocus
          />
        </Field>
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose} disabled={remove.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={!matches} pending={remove.isPending}>
          Delete model
        </Button>
      </DialogFooter>
    </form>
  );
}
