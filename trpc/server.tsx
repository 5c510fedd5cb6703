/**
 * The server half of the tRPC + TanStack Query setup: server components prefetch through the
 * router directly (no HTTP hop) and hand the dehydrated cache to the client via <HydrateClient>.
 */
import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache, type ReactNode } from "react";
import { appRouter, createCaller } from "@/server/trpc/root";
import { createTRPCContext } from "@/server/trpc/trpc";
import { makeQueryClient } from "./query-client";

/** One QueryClient per request (React `cache` is request-scoped in server components). */
export const getQueryClient = cache(makeQueryClient);

const createContext = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createTRPCContext({ headers: h });
});

export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: createContext,
  queryClient: getQueryClient,
});

/** Direct server-side calls when a page needs the data itself (e.g. to 404 or redirect). */
export const getCaller = cache(async () => createCaller(await createContext()));

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors tRPC's documented helper
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T): void {
  const queryClient = getQueryClient();
  if (queryOptions.queryKey[1]?.type === "infinite") {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    void queryClient.prefetchInfiniteQuery(queryOptions as any);
  } else {
    void queryClient.prefetchQuery(queryOptions);
  }
}

/** True for a tRPC NOT_FOUND (e.g. an unknown model key), so a page can call notFound(). */
export function isNotFoundError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "NOT_FOUND";
}
