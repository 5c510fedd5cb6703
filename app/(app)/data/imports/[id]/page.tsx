import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImportDetail } from "@/components/data/import-detail";
import { getQueryClient, HydrateClient, isNotFoundError, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ImportDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  try {
    await getQueryClient().fetchQuery(trpc.dataImport.get.queryOptions({ id }));
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <ImportDetail id={id} />
    </HydrateClient>
  );
}
