/**
 * One QueryClient factory for both halves: the server prefetches into it and dehydrates with
 * superjson (so Dates survive the trip), the browser hydrates with the same transformer.
 */
import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data prefetched on the server is fresh on first render; refetch only after 30 s.
        staleTime: 30 * 1000,
        retry: (failureCount, error) => {
          const code = (error as { data?: { code?: string } } | null)?.data?.code;
          // Client errors are final; only retry what might be transient.
          if (code && code !== "INTERNAL_SERVER_ERROR" && code !== "TIMEOUT") return false;
          return failureCount < 2;
        },
      },
      dehydrate: {
        serializeData: superjson.serialize,
        // Also stream pending queries so server components can prefetch without awaiting.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
        // Let the client's error boundary / query show server errors instead of redacting them.
        shouldRedactErrors: () => false,
      },
      hydrate: {
        deserializeData: superjson.deserialize,
      },
    },
  });
}
