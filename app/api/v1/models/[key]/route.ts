/**
 * SPEC §7 models as code: `GET /api/v1/models/{key}` exports the document; `PATCH` with
 * `{ enabled }` switches the model (admin keys).
 */
import { apiRoute, parseInput, readBody } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { SetEnabledBody } from "@/server/rest/schemas";
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
