import { cancelImport, CancelImportInput } from "../../services/data-import/cancel";
import { createImport, CreateImportInput } from "../../services/data-import/create";
import { getImport, GetImportInput } from "../../services/data-import/get";
import { listImports } from "../../services/data-import/list";
import { listImportIssues, ListIssuesInput } from "../../services/data-import/list-issues";
import { createTRPCRouter, procedure } from "../trpc";

/** CSV imports. The file itself is uploaded to POST /api/imports (a stream, not JSON). */
export const dataImportRouter = createTRPCRouter({
  list: procedure.query(({ ctx }) => listImports({ ctx })),
  get: procedure.input(GetImportInput).query(({ ctx, input }) => getImport({ ctx, input })),
  create: procedure
    .input(CreateImportInput)
    .mutation(({ ctx, input }) => createImport({ ctx, input })),
  cancel: procedure
    .input(CancelImportInput)
    .mutation(({ ctx, input }) => cancelImport({ ctx, input })),
  issues: procedure
    .input(ListIssuesInput)
    .query(({ ctx, input }) => listImportIssues({ ctx, input })),
});
