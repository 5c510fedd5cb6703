import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { ModelDocument } from "../../../core/scoring/document";
import { scoreModelVersions } from "../../../db/schema";
import { workspaceService } from "../../context";
import { NotFoundError } from "../../errors";
import { findModel } from "./shared";

export const ExportScoreModelInput = z.object({
  key: z.string(),
  /** A published version; absent: the latest published version, or the draft if none. */
  version: z.number().int().positive().optional(),
});
export type ExportScoreModelInput = z.infer<typeof ExportScoreModelInput>;

export const exportScoreModel = workspaceService(
  ExportScoreModelInput,
  async ({ ctx, input }): Promise<ModelDocument> => {
    const model = await findModel(ctx.db, ctx, input.key);
    const version = input.version ?? model.latestVersion;
    if (!version) return model.draft;
    const [row] = await ctx.db
      .select({ document: scoreModelVersions.document })
      .from(scoreModelVersions)
      .where(
        and(
          eq(scoreModelVersions.workspaceId, ctx.workspaceId),
          eq(scoreModelVersions.modelId, model.id),
          eq(scoreModelVersions.version, version),
        ),
      );
    if (!row) throw new NotFoundError(`Version ${version} of "${model.key}"`);
    return row.document;
  },
);
