"use client";
/**
 * tRPC v11 with TanStack React Query (STYLE habit 7): `useTRPC()` gives option factories,
 * used as `useQuery(trpc.scoreModel.list.queryOptions())`.
 */
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";
import { publicEnv } from "./public-env";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every request gets a fresh client so users never share a cache.
  if (typeof window === "undefined") return makeQueryClient();
  // In the browser keep one, so React suspending during the first render does not throw it away.
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/**
 * In the browser, the app's own origin. While rendering on the server every query a client
 * component uses is prefetched by its page (trpc/server.tsx) and read from the hydrated cache, so
 * no request leaves; a query that was not prefetched fails loudly instead of calling the server
 * over HTTP without the user's cookies.
 */
function getUrl(): string {
  return typeof window !== "undefined"
    ? "/api/trpc"
    : "http://prefetch-on-the-server.invalid/api/trpc";
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({
          // Development only: production users get toasts, not console noise.
          enabled: () => publicEnv.development,
        }),
        httpBatchLink({ url: getUrl(), transformer: superjson }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
