/** SPEC §7 `POST /api/v1/contacts`: upsert up to 1,000 contacts, atomically. */
import { apiRoute, batchItems, readBody } from "@/server/rest/handler";
import { jsonResponse } from "@/server/rest/errors";
import { OPERATIONS } from "@/server/rest/operations";
import { upsertContacts } from "@/server/services/ingest/contacts";

export const dynamic = "force-dynamic";

export const POST = apiRoute(OPERATIONS.upsertContacts, async ({ request, ctx }) => {
  const items = batchItems(await readBody(request), "contacts");
  return jsonResponse(await upsertContacts({ ctx, input: { items } }));
});
