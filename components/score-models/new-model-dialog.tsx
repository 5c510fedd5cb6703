"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { MODEL_KIND_VALUES, ModelKey } from "@/core/scoring/document";
import { useTRPC } from "@/trpc/client";
import { errorInfo, issuesFor, type DocumentIssue } from "@/trpc/errors";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Dialog, DIALOG_FORM_CLASS, DialogBody, DialogFooter } from "../ui/dialog";
import { Field, fieldAria, Input } from "../ui/field";
import { useToast } from "../ui/toast";
import { KIND_LABEL, type ModelKind } from "./labels";
import { keyFromName } from "./model-key";

const EMOJI_CHOICES = ["🎯", "🔥", "💚", "⭐", "🚀", "💎", "📈", "🧲"];
const KIND_HELP: Record<ModelKind, string> = {
  lead: "Fit and buying intent",
  engagement: "Recent activity",
  health: "Customer health and churn risk",
  custom: "Anything else",
};

export function NewModelDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New score model"
      description="Start with an empty draft. You add criteria and publish it on the model's page."
      data-testid="new-model-dialog"
    >
      <NewModelForm onClose={onClose} />
    </Dialog>
  );
}

function NewModelForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const ids = { name: useId(), key: useId(), emoji: useId(), kind: useId() };
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [keyEdited, setKeyEdited] = useState(false);
  const [emoji, setEmoji] = useState("🎯");
  const [kind, setKind] = useState<ModelKind>("lead");
  const [issues, setIssues] = useState<DocumentIssue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);

  const create = useMutation(
    trpc.scoreModel.create.mutationOptions({
      onSuccess: async ({ key: created }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.scoreModel.list.queryKey() });
        toast.success(
          `Created ${name.trim()}`,
          "Add criteria, then publish a version to start scoring.",
        );
        onClose();
        router.push(`/scores/${created}`);
      },
      onError: (error) => {
        const info = errorInfo(error);
        setIssues(info.issues);
        setFormError(info.issues.length ? null : info.message);
      },
    }),
  );

  const effectiveKey = keyEdited ? key : keyFromName(name);
  const localKeyError = (() => {
    if (!submitted && !keyEdited) return undefined;
    if (!effectiveKey) return "A key is required";
    const parsed = ModelKey.safeParse(effectiveKey);
    return parsed.success
      ? undefined
      : "Use lowercase letters, digits and _, starting with a letter (max 48)";
  })();
  const nameError = submitted && !name.trim() ? "Name is required" : undefined;
  const serverError = (path: string) => issuesFor(issues, path)[0]?.message;
  const keyError = localKeyError ?? serverError("key");

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setIssues([]);
    setFormError(null);
    if (!name.trim() || !ModelKey.safeParse(effectiveKey).success || !emoji.trim()) return;
    create.mutate({ key: effectiveKey, name: name.trim(), emoji: emoji.trim(), kind });
  }

  return (
    <form onSubmit={onSubmit} noValidate className={DIALOG_FORM_CLASS}>
      <DialogBody className="space-y-4">
        <Field id={ids.name} label="Name" error={nameError ?? serverError("name")}>
          <Input
            {...fieldAria(ids.name, nameError ?? serverError("name"))}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Product-qualified lead"
            maxLength={80}
            autoComplete="off"
            data-autofocus
          />
        </Field>

        <Field
          id={ids.key}
          label="Key"
          hint="Used in the API, audiences and journeys. It cannot be changed later."
          error={keyError}
        >
          <Input
            {...fieldAria(ids.key, keyError, true)}
            value={effectiveKey}
            onChange={(e) => {
              setKeyEdited(true);
              setKey(e.target.value);
            }}
            placeholder="product_qualified_lead"
            maxLength={48}
            autoComplete="off"
            spellCheck={false}
            mono
          />
        </Field>

        <Field id={ids.emoji} label="Emoji" error={serverError("emoji")}>
          <div className="flex items-center gap-2">
            <div className="w-16 shrink-0">
              <Input
                {...fieldAria(ids.emoji, serverError("emoji"))}
                value={emoji}
                onChange={(e) => setEmoji(e.target.value)}
                maxLength={16}
                textSize="text-lg"
                className="text-center"
              />
            </div>
            <div role="group" aria-label="Suggested emoji" className="flex flex-wrap gap-1">
              {EMOJI_CHOICES.map((e) => (
                <button
                  key={e}
                  type="button"
                  aria-label={`Use ${e}`}
                  aria-pressed={emoji === e}
                  onClick={() => setEmoji(e)}
                  className={cn(
                    "flex size-9 items-center justify-center rounded-md text-lg transition-colors hover:bg-zinc-100",
                    emoji === e && "bg-indigo-50 ring-1 ring-indigo-300",
                  )}
                >
                  {e}
                </button>
              ))}
            </div>
          </div>
        </Field>

        <fieldset>
          <legend className="text-sm font-medium text-zinc-800">Kind</legend>
          <div className="mt-1.5 grid grid-cols-2 gap-2">
            {MODEL_KIND_VALUES.map((k) => (
              <label
                key={k}
                className={cn(
                  "flex cursor-pointer items-start gap-2 rounded-md p-3 ring-1 transition-colors ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600",
                  kind === k ? "bg-indigo-50/60 ring-indigo-400" : "ring-zinc-200 hover:bg-zinc-50",
                )}
              >
                <input
                  type="radio"
                  name={ids.kind}
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                  className="mt-0.5 accent-indigo-600 focus-visible:outline-none"
                />
                <span>
                  <span className="block text-sm font-medium text-zinc-900">{KIND_LABEL[k]}</span>
                  <span className="block text-xs text-zinc-500">{KIND_HELP[k]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {formError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {formError}
          </p>
        ) : null}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose} disabled={create.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create model
        </Button>
      </DialogFooter>
    </form>
  );
}
