/**
 * POST /api/imports?kind=contacts|activities&name=<file name> with the CSV as the raw request body.
 * The body is streamed to disk (never buffered whole) with a size cap; answers
 * `{ id, columns, delimiter, bytes }` for the mapping step (then tRPC `dataImport.create`).
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { env } from "@/server/env";
import { ServiceError } from "@/server/errors";
import { uploadImportFile } from "@/server/services/data-import/upload";
import { assertSameOrigin } from "@/server/same-origin";
import { errorResponse, serviceContextFor } from "./request-context";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(req: Request): Promise<Response> {
  try {
    assertSameOrigin(req);
    const ctx = await serviceContextFor(req);
    const url = new URL(req.url);
    const declared = Number(req.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > env.IMPORT_MAX_BYTES) {
      throw new ServiceError(
        "PAYLOAD_TOO_LARGE",
        `The file is larger than ${Math.round(env.IMPORT_MAX_BYTES / 1024 / 1024)} MB, the most an import accepts`,
      );
    }
    if (!req.body) throw new ServiceError("BAD_REQUEST", "Send the CSV file as the request body");
    const body = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
    const result = await uploadImportFile({
      ctx,
      input: {
        kind: url.searchParams.get("kind") as "contacts",
        fileName: url.searchParams.get("name") ?? "upload.csv",
      },
      body,
    });
    return Response.json(result, { status: 201 });
  } catch (error) {
    if (error instanceof Error && error.name === "ZodError") {
      return Response.json(
        { error: { code: "BAD_REQUEST", message: "Say whether the file holds contacts or activities, and its name" } },
        { status: 400 },
      );
    }
    return errorResponse(error, "import upload failed");
  }
}
