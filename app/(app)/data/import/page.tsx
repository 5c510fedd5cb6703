import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ImportFlow } from "@/components/data/import-flow";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import CSV" };

export default async function ImportPage() {
  const me = await (await getCaller()).session.me();
  if (me.actor?.role === "viewer") redirect("/data");
  await getQueryClient().prefetchQuery(trpc.registry.list.queryOptions());
  return (
    <HydrateClient>
      <ImportFlow />
    </HydrateClient>
  );
}
