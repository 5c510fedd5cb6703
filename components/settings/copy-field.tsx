"use client";
import { useId, useState } from "react";
import { Button } from "../ui/button";
import { Input } from "../ui/field";
import { CheckIcon, CopyIcon } from "../shell/icons";

/**
 * A read-only secret or link with a Copy button. The Clipboard API needs a secure context (https
 * or localhost); elsewhere the text is selected and copied the old way, and stays selected so the
 * user can press Ctrl+C themselves if even that is refused.
 */
export function CopyField({
  label,
  value,
  "data-testid": testId,
}: {
  label: string;
  value: string;
  "data-testid"?: string;
}) {
  const id = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch {
      // The shared Input takes no ref; the id is unique (useId).
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      ok = document.execCommand?.("copy") ?? false;
    }
    if (ok) {
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="mt-1.5 flex gap-2">
        <Input
          id={id}
          readOnly
          mono
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 bg-zinc-50"
          data-testid={testId}
        />
        <Button
          onClick={copy}
          icon={
            copied ? (
              <CheckIcon className="size-4 text-emerald-600" />
            ) : (
              <CopyIcon className="size-4" />
            )
          }
          className="w-24"
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p aria-live="polite" className="sr-only">
        {copied ? `${label} copied to the clipboard` : ""}
      </p>
    </div>
  );
}
