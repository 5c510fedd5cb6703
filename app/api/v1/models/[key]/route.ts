/**
 * SPEC §7 models as code: `GET /api/v1/models/{key}` exports the document; `PATCH` with
 * `{ enabled }` switches the model (admin keys).
 */
import { apiRoute, parseInput, readBody } from "@/server/api-v1/handler";
import { jsonResponse } from "@/server/api-v1/errors";
import { OPERATIONS } from "@/server/api-v1/operations";
import { SetEnabledBody } from "@/server/api-v1/schemas";
import { exportScoreModel } from "@/server/services/score-model/export";
import { setScoreModelEnabled } from "@/server/services/score-model/set-enabled";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ key: string }>(OPERATIONS.exportModel, async ({ params, ctx }) =>
  jsonResponse(await exportScoreModel({ ctx, input: { key: params.key } })),
);

export const PATCH = apiRoute<{ key: string }>(
  OPERATIONS.setModelEnabled,
  async ({ request, params, ctx }) => {
    const body = parseInput(SetEnabledBody, await readBody(request), "body");
    const result = await setScoreModelEnabled({
      ctx,
      input: { key: params.key, enabled: body.enabled },
    });
    return jsonResponse({ key: params.key, enabled: result.enabled });
  },
);
