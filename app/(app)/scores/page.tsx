import type { Metadata } from "next";
import { ScoreModelsView } from "@/components/score-models/score-models-view";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scores" };

export default async function ScoresPage() {
  // Awaited so the first paint has the data (no spinner), then the client polls during rescoring.
  await getQueryClient().prefetchQuery(trpc.scoreModel.list.queryOptions());
  return (
    <HydrateClient>
      <ScoreModelsView />
    </HydrateClient>
  );
}
