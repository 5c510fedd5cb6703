import { z } from "zod";
import { MODEL_KIND_VALUES, ModelKey } from "../../../core/scoring/document";
import { scoreModels } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { ConflictError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { newDraftDocument } from "./shared";

export const CreateScoreModelInput = z.object({
  key: ModelKey,
  name: z.string().trim().min(1, "Name is required").max(80),
  emoji: z.string().trim().min(1, "Pick an emoji").max(16),
  kind: z.enum(MODEL_KIND_VALUES),
});
export type CreateScoreModelInput = z.infer<typeof CreateScoreModelInput>;

/** Creates a model with an empty draft (no version yet, so nothing is scored until publish). */
export const createScoreModel = workspaceService(CreateScoreModelInput, async ({ ctx, input }) => {
  requireRole(ctx, "editor");
  const data = input;
  try {
    const [row] = await ctx.db
      .insert(scoreModels)
      .values({
        workspaceId: ctx.workspaceId,
        key: data.key,
        name: data.name,
        emoji: data.emoji,
        kind: data.kind,
        enabled: true,
        draft: newDraftDocument(data),
      })
      .returning({ id: scoreModels.id, key: scoreModels.key });
    if (!row) throw new Error("insert returned no row");
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`A score model with the key "${data.key}" already exists`, {
        issues: [
          {
            path: "key",
            code: "duplicate_key",
            message: "This key is already used",
          },
        ],
      });
    }
    throw error;
  }
});
