import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { diffDocuments, type ModelDiff } from "../../../core/scoring/diff";
import type { ModelDocument } from "../../../core/scoring/document";
import { scoreModelVersions } from "../../../db/schema";
import { workspaceService } from "../../context";
import { NotFoundError } from "../../errors";
import { findModel } from "./shared";

const VersionRef = z.union([z.number().int().positive(), z.literal("draft")]);

export const DiffScoreModelInput = z.object({
  key: z.string().min(1).max(64),
  /** A published version number, or "draft". */
  from: VersionRef,
  to: VersionRef,
});
export type DiffScoreModelInput = z.infer<typeof DiffScoreModelInput>;

/** What changed between two versions of a model (or a version and the draft), in plain words. */
export const diffScoreModel = workspaceService(
  DiffScoreModelInput,
  async ({ ctx, input }): Promise<ModelDiff & { from: number | "draft"; to: number | "draft" }> => {
    const model = await findModel(ctx.db, ctx, input.key);
    const load = async (ref: number | "draft"): Promise<ModelDocument> => {
      if (ref === "draft") return model.draft;
      const [row] = await ctx.db
        .select({ document: scoreModelVersions.document })
        .from(scoreModelVersions)
        .where(
          and(
            eq(scoreModelVersions.workspaceId, ctx.workspaceId),
            eq(scoreModelVersions.modelId, model.id),
            eq(scoreModelVersions.version, ref),
          ),
        );
      if (!row) throw new NotFoundError(`Version ${ref} of "${model.key}"`);
      return row.document;
    };
    const [from, to] = await Promise.all([load(input.from), load(input.to)]);
    return { ...diffDocuments(from, to), from: input.from, to: input.to };
  },
);
