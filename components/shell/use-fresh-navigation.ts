"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";

/**
 * Navigates after the identity or the active workspace changed (sign in/out, switch, join).
 * Cached queries belong to the previous user or workspace, so they are dropped rather than shown
 * for a moment; refresh() makes the server layout read the new session instead of reusing the
 * router's copy.
 */
export function useFreshNavigation() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(
    (href: string) => {
      queryClient.clear();
      router.replace(href);
      router.refresh();
    },
    [queryClient, router],
  );
}
