import type { Metadata } from "next";
import { DataView } from "@/components/data/data-view";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Data" };

export default async function DataPage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.dataImport.list.queryOptions()),
    queryClient.prefetchQuery(trpc.registry.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <DataView />
    </HydrateClient>
  );
}
