"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { errorInfo } from "@/trpc/errors";
import { useToast } from "../ui/toast";

/** Downloads a model document (latest published, or a given version) as a JSON file. */
export function useExportDocument() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [pending, setPending] = useState<string | null>(null);

  async function exportDocument(key: string, version?: number) {
    const id = `${key}@${version ?? "latest"}`;
    setPending(id);
    try {
      const input = version === undefined ? { key } : { key, version };
      const document = await queryClient.fetchQuery({
        ...trpc.scoreModel.exportDocument.queryOptions(input),
        staleTime: 0,
      });
      const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], {
        type: "application/json",
      });
      const url = URL.createObjectURL(blob);
      const a = window.document.createElement("a");
      a.href = url;
      a.download = `${key}${version === undefined ? "" : `-v${version}`}.scorecraft.json`;
      window.document.body.append(a);
      a.click();
      a.remove();
      // Give the browser a moment to start the download before revoking.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      toast.error("Export failed", errorInfo(error).message);
    } finally {
      setPending(null);
    }
  }

  return {
    exportDocument,
    isPending: (key: string, version?: number) => pending === `${key}@${version ?? "latest"}`,
  };
}
