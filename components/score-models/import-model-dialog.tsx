"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo, type DocumentIssue } from "@/trpc/errors";
import { Button } from "../ui/button";
import { Dialog, DIALOG_FORM_CLASS, DialogBody, DialogFooter } from "../ui/dialog";
import { Field, Textarea } from "../ui/field";
import { UploadIcon } from "../ui/icons";
import { useToast } from "../ui/toast";

const MAX_BYTES = 1_000_000;

export function ImportModelDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title="Import score model"
      description={
        <>
          Paste or upload a model document (
          <code className="font-mono text-[13px]">scorecraft.model/v1</code>). It becomes the
          model&apos;s draft: a new model for a new key, or the new draft of an existing one.
          Nothing is published until you publish it.
        </>
      }
      data-testid="import-model-dialog"
    >
      <ImportForm onClose={onClose} />
    </Dialog>
  );
}

function ImportForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const textId = useId();
  const fileId = useId();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<{
    message: string;
    issues: DocumentIssue[];
  } | null>(null);

  const importDocument = useMutation(
    trpc.scoreModel.importDocument.mutationOptions({
      onSuccess: async ({ key, created }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.scoreModel.list.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.scoreModel.get.queryKey({ key }) });
        toast.success(
          created ? `Imported “${key}” as a new model` : `Replaced the draft of “${key}”`,
        );
        onClose();
        router.push(`/scores/${key}`);
      },
      onError: (error) => {
        const info = errorInfo(error);
        setServerError({ message: info.message, issues: info.issues });
      },
    }),
  );

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setServerError(null);
    if (file.size > MAX_BYTES) {
      setParseError("That file is larger than 1 MB; a model document is much smaller.");
      return;
    }
    setFileName(file.name);
    setText(await file.text());
    setParseError(null);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setServerError(null);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      setParseError(`This is not valid JSON: ${(error as Error).message}`);
      return;
    }
    setParseError(null);
    importDocument.mutate({ document });
  }

  const error =
    parseError ?? (serverError && !serverError.issues.length ? serverError.message : null);

  return (
    <form onSubmit={onSubmit} noValidate className={DIALOG_FORM_CLASS}>
      <DialogBody className="space-y-4">
        <div className="flex items-center gap-3">
          <label
            htmlFor={fileId}
            className="inline-flex h-9 cursor-pointer items-center gap-2 rounded-md bg-white px-4 text-sm font-medium text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600"
          >
            <UploadIcon className="size-4" />
            Choose JSON file
            <input
              id={fileId}
              type="file"
              accept="application/json,.json"
              onChange={onFile}
              className="sr-only"
            />
          </label>
          <span className="truncate text-sm text-zinc-500">
            {fileName ?? "or paste the document below"}
          </span>
        </div>

        <Field id={textId} label="Model document (JSON)" error={error ?? undefined}>
          <Textarea
            id={textId}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
              setParseError(null);
            }}
            rows={12}
            spellCheck={false}
            aria-invalid={error || serverError?.issues.length ? true : undefined}
            aria-describedby={error ? `${textId}-error` : undefined}
            placeholder={'{\n  "format": "scorecraft.model/v1",\n  "key": "engagement",\n  …\n}'}
            mono
            className="leading-5"
            data-autofocus
          />
        </Field>

        {serverError?.issues.length ? (
          <div
            role="alert"
            className="rounded-md border border-red-200 bg-red-50 p-4"
            data-testid="import-issues"
          >
            <p className="text-sm font-medium text-red-800">
              {serverError.message}. Nothing was imported.
            </p>
            <ul className="mt-2 max-h-48 space-y-1.5 overflow-y-auto text-sm">
              {serverError.issues.map((issue, i) => (
                <li key={`${issue.path}-${i}`} className="flex flex-wrap gap-x-2 text-red-800">
                  <code className="rounded bg-white/70 px-1.5 font-mono text-[12px] text-red-900 ring-1 ring-red-200">
                    {issue.path || "(document)"}
                  </code>
                  <span>{issue.message}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </DialogBody>
      <DialogFooter>
        <Button onClick={onClose} disabled={importDocument.isPending}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="primary"
          pending={importDocument.isPending}
          disabled={!text.trim()}
        >
          Import
        </Button>
      </DialogFooter>
    </form>
  );
}
