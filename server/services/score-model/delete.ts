import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { scoreModels } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { BadRequestError } from "../../errors";
import { findModel } from "./shared";

export const DeleteScoreModelInput = z.object({
  key: z.string(),
  /** The user types the key to confirm; a mismatch deletes nothing. */
  confirmKey: z.string(),
});
export type DeleteScoreModelInput = z.infer<typeof DeleteScoreModelInput>;

/** Deletes a model with its versions, runs and stored scores. Admins only. */
export const deleteScoreModel = workspaceService(
  DeleteScoreModelInput,
  async ({ ctx, input }): Promise<{ deleted: true }> => {
    requireRole(ctx, "admin");
    const model = await findModel(ctx.db, ctx, input.key);
    if (input.confirmKey !== model.key) {
      throw new BadRequestError(`Type "${model.key}" to confirm deleting this model`, {
        issues: [
          {
            path: "confirmKey",
            code: "mismatch",
            message: `Type "${model.key}" to confirm`,
          },
        ],
      });
    }
    await ctx.db
      .delete(scoreModels)
      .where(and(eq(scoreModels.workspaceId, ctx.workspaceId), eq(scoreModels.id, model.id)));
    return { deleted: true };
  },
);
