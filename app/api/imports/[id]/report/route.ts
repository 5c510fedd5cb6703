/**
 * GET /api/imports/:id/report: the skipped rows of an import with their reasons, as CSV (RFC 4180,
 * formula-safe cells), streamed page by page. Viewers may download it.
 */
import { NotFoundError } from "@/server/errors";
import { log } from "@/server/log";
import { sessionRoute } from "@/server/rest/session-route";
import { openImportReport } from "@/server/services/data-import/report";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const GET = sessionRoute<{ id: string }>(
  { method: "GET", path: "/api/imports/:id/report" },
  async ({ params: { id }, ctx }) => {
    // A path that cannot name an import is a 404, like an unknown one.
    if (!UUID.test(id)) throw new NotFoundError("Import");
    const report = await openImportReport({ ctx, input: { id } });
    const encoder = new TextEncoder();
    const lines = report.lines;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          // A few hundred lines per pull keeps chunks reasonably sized.
          let chunk = "";
          for (let i = 0; i < 500; i += 1) {
            const next = await lines.next();
            if (next.done) {
              if (chunk) controller.enqueue(encoder.encode(chunk));
              controller.close();
              return;
            }
            chunk += next.value;
          }
          controller.enqueue(encoder.encode(chunk));
        } catch (error) {
          log.error("import report failed", { err: error });
          controller.error(error);
        }
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${report.fileName}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
