/** SPEC §7 models as code: `POST /api/v1/models` imports a document as a draft (admin keys). */
import { apiRoute, readBody } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { importScoreModel } from "@/server/services/score-model/import";

export const dynamic = "force-dynamic";

export const POST = apiRoute(OPERATIONS.importModel, async ({ request, ctx }) => {
  const result = await importScoreModel({ ctx, input: { document: await readBody(request) } });
  return jsonResponse(result, result.created ? 201 : 200);
});
