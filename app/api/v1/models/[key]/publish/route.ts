/** SPEC §7 models as code: `POST /api/v1/models/{key}/publish` → `{ key, version }` (admin keys). */
import { apiRoute } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { publishScoreModel } from "@/server/services/score-model/publish";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ key: string }>(OPERATIONS.publishModel, async ({ params, ctx }) => {
  const { version } = await publishScoreModel({ ctx, input: { key: params.key } });
  return jsonResponse({ key: params.key, version });
});
