import type { Metadata } from "next";
import { MembersView } from "@/components/settings/members-view";
import { getCaller, getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const queryClient = getQueryClient();
  const me = await (await getCaller()).session.me();
  // Awaited so the first paint has the list; pending invitations are for admins only.
  await Promise.all([
    queryClient.prefetchQuery(trpc.member.list.queryOptions()),
    me.actor?.role === "admin"
      ? queryClient.prefetchQuery(trpc.invitation.list.queryOptions())
      : null,
  ]);
  return (
    <HydrateClient>
      <MembersView />
    </HydrateClient>
  );
}
