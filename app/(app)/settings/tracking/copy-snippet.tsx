"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The snippet in a read-only block with a Copy button. The Clipboard API needs a secure context;
 * elsewhere the text is selected so the user can copy it themselves.
 */
export function CopySnippet({ snippet }: { snippet: string }) {
  const [copied, setCopied] = useState(false);
  const id = "tracking-snippet";

  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      const area = document.getElementById(id) as HTMLTextAreaElement | null;
      area?.select();
    }
  }

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="sr-only">
        Tracking snippet
      </label>
      <textarea
        id={id}
        readOnly
        value={snippet}
        rows={snippet.split("\n").length + 2}
        spellCheck={false}
        className="w-full resize-none rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[13px] leading-5 text-zinc-800"
        onFocus={(e) => e.currentTarget.select()}
        data-testid="tracking-snippet"
      />
      <Button type="button" size="sm" onClick={copy}>
        {copied ? "Copied" : "Copy snippet"}
      </Button>
    </div>
  );
}
