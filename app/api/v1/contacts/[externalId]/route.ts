/** SPEC §7 `GET /api/v1/contacts/{externalId}`: the contact with scores computed right now. */
import { apiRoute } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { getContact } from "@/server/services/contact/get";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ externalId: string }>(
  OPERATIONS.getContact,
  async ({ params, ctx }) =>
    jsonResponse(await getContact({ ctx, input: { externalId: params.externalId } })),
);
