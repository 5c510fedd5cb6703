/**
 * POST /api/imports?kind=contacts|activities&name=<file name> with the CSV as the raw request body.
 * The body is streamed to disk (never buffered whole) with a size cap; answers
 * `{ id, columns, delimiter, bytes }` for the mapping step (then tRPC `dataImport.create`).
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { env } from "@/server/env";
import { BadRequestError, ServiceError } from "@/server/errors";
import { jsonResponse } from "@/server/rest/errors";
import { sessionRoute } from "@/server/rest/session-route";
import { uploadImportFile, UploadImportInput } from "@/server/services/data-import/upload";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = sessionRoute(
  { method: "POST", path: "/api/imports" },
  async ({ request, ctx }) => {
    const url = new URL(request.url);
    const query = UploadImportInput.safeParse({
      kind: url.searchParams.get("kind") ?? undefined,
      fileName: url.searchParams.get("name") ?? "upload.csv",
    });
    if (!query.success) {
      throw new BadRequestError("Say whether the file holds contacts or activities, and its name");
    }
    const declared = Number(request.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > env.IMPORT_MAX_BYTES) {
      throw new ServiceError(
        "PAYLOAD_TOO_LARGE",
        `The file is larger than ${Math.round(env.IMPORT_MAX_BYTES / 1024 / 1024)} MB, the most an import accepts`,
      );
    }
    if (!request.body) throw new BadRequestError("Send the CSV file as the request body");
    const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
    const result = await uploadImportFile({ ctx, input: { ...query.data, body } });
    return jsonResponse(result, 201);
  },
);
