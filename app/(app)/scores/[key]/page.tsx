import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ModelView } from "@/components/score-models/model-view";
import { getQueryClient, HydrateClient, isNotFoundError, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";

type Params = Promise<{ key: string }>;

async function loadModel(key: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.scoreModel.get.queryOptions({ key }));
  } catch (error) {
    if (isNotFoundError(error)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const model = await loadModel((await params).key);
  return { title: `${model.emoji} ${model.name}` };
}

export default async function ScoreModelPage({ params }: { params: Params }) {
  const { key } = await params;
  await loadModel(key);
  return (
    <HydrateClient>
      <ModelView modelKey={key} />
    </HydrateClient>
  );
}
