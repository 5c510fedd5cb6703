import { z } from "zod";
import { createScoreModel, CreateScoreModelInput } from "../../services/score-model/create";
import { diffScoreModel, DiffScoreModelInput } from "../../services/score-model/diff";
import { deleteScoreModel, DeleteScoreModelInput } from "../../services/score-model/delete";
import { exportScoreModel, ExportScoreModelInput } from "../../services/score-model/export";
import { getScoreModel } from "../../services/score-model/get";
import { importScoreModel } from "../../services/score-model/import";
import { listScoreModels } from "../../services/score-model/list";
import { previewScoreModel, PreviewScoreModelInput } from "../../services/score-model/preview";
import { publishScoreModel, PublishScoreModelInput } from "../../services/score-model/publish";
import { rollbackScoreModel, RollbackScoreModelInput } from "../../services/score-model/rollback";
import { setScoreModelEnabled, SetEnabledInput } from "../../services/score-model/set-enabled";
import { updateScoreModelDraft, UpdateDraftInput } from "../../services/score-model/update-draft";
import { validateScoreModel } from "../../services/score-model/validate";
import { createTRPCRouter, procedure } from "../trpc";

const KeyInput = z.object({ key: z.string().min(1).max(64) });
const DocumentInput = z.object({ document: z.unknown() });

export const scoreModelRouter = createTRPCRouter({
  list: procedure.query(({ ctx }) => listScoreModels({ ctx })),
  get: procedure.input(KeyInput).query(({ ctx, input }) => getScoreModel({ ctx, input })),
  create: procedure
    .input(CreateScoreModelInput)
    .mutation(({ ctx, input }) => createScoreModel({ ctx, input })),
  updateDraft: procedure
    .input(UpdateDraftInput)
    .mutation(({ ctx, input }) => updateScoreModelDraft({ ctx, input })),
  validate: procedure
    .input(DocumentInput)
    .query(({ ctx, input }) => validateScoreModel({ ctx, input })),
  publish: procedure
    .input(PublishScoreModelInput)
    .mutation(({ ctx, input }) => publishScoreModel({ ctx, input })),
  /**
   * Scores a draft against real contacts without storing anything (the editor's live preview).
   * A mutation only for transport: a 50-criteria document does not fit in a GET URL.
   */
  preview: procedure
    .input(PreviewScoreModelInput)
    .mutation(({ ctx, input }) => previewScoreModel({ ctx, input })),
  diff: procedure
    .input(DiffScoreModelInput)
    .query(({ ctx, input }) => diffScoreModel({ ctx, input })),
  rollback: procedure
    .input(RollbackScoreModelInput)
    .mutation(({ ctx, input }) => rollbackScoreModel({ ctx, input })),
  setEnabled: procedure
    .input(SetEnabledInput)
    .mutation(({ ctx, input }) => setScoreModelEnabled({ ctx, input })),
  delete: procedure
    .input(DeleteScoreModelInput)
    .mutation(({ ctx, input }) => deleteScoreModel({ ctx, input })),
  importDocument: procedure
    .input(DocumentInput)
    .mutation(({ ctx, input }) => importScoreModel({ ctx, input })),
  exportDocument: procedure
    .input(ExportScoreModelInput)
    .query(({ ctx, input }) => exportScoreModel({ ctx, input })),
});
