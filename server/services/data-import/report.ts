import { z } from "zod";
/**
 * The downloadable report of an import: every skipped row with the reason, its row number, the
 * column and field, then the row's original cells under the file's own headers. Streamed a page
 * at a time (constant memory for any number of issues).
 */
import { requireRole, workspaceService } from "../../context";
import { csvRow } from "./csv-writer";
import { listImportIssues } from "./list-issues";
import { findImport } from "./shared";

const PAGE = 1000;

export const ImportReportInput = z.object({ id: z.string().uuid() });

export const openImportReport = workspaceService(ImportReportInput, async ({ ctx, input }) => {
  requireRole(ctx, "viewer");
  const row = await findImport(ctx, input.id);
  const base =
    row.fileName
      .replace(/\.csv$/i, "")
      .replace(/[^\w.-]+/g, "-")
      .slice(0, 80) || "import";
  async function* lines(): AsyncGenerator<string> {
    yield csvRow(["row", "column", "field", "reason", ...row.columns]);
    let cursor: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof listImportIssues>> = await listImportIssues({
        ctx,
        input: { id: input.id, cursor, limit: PAGE },
      });
      for (const issue of page.issues) {
        yield csvRow([issue.rowNumber, issue.column, issue.field, issue.message, ...issue.raw]);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
  }
  return { fileName: `${base}-report.csv`, lines: lines() };
});
