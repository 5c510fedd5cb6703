/** SPEC §7 `GET /api/v1/contacts/{externalId}/scores/{modelKey}/explain?at=ISO`: the ledger. */
import { apiRoute, parseInput } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { ExplainQuery } from "@/server/rest/schemas";
import { parseIsoInstant } from "@/core/scoring/iso";
import { explainContactScore } from "@/server/services/contact/explain-score";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ externalId: string; modelKey: string }>(
  OPERATIONS.explainScore,
  async ({ request, params, ctx }) => {
    const search = new URL(request.url).searchParams;
    const query = parseInput(
      ExplainQuery,
      Object.fromEntries([...search.entries()].filter(([k]) => k === "at")),
      "query",
    );
    const at = query.at === undefined ? undefined : new Date(parseIsoInstant(query.at)!);
    return jsonResponse(
      await explainContactScore({
        ctx,
        input: { externalId: params.externalId, modelKey: params.modelKey, at },
      }),
    );
  },
);
