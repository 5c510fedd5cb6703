import type { Metadata } from "next";
import { ApiKeysNotice, ApiKeysView } from "@/components/settings/api-keys-view";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const caller = await getCaller();
  const me = await caller.session.me();
  if (me.actor?.role !== "admin") {
    // Non-admins may not list keys; tell them who can help instead.
    const members = await caller.member.list();
    return <ApiKeysNotice admins={members.filter((m) => m.role === "admin").map((m) => m.name)} />;
  }
  await getQueryClient().prefetchQuery(trpc.apiKey.list.queryOptions());
  return (
    <HydrateClient>
      <ApiKeysView />
    </HydrateClient>
  );
}
