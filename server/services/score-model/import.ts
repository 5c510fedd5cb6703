import { z } from "zod";
import { sql } from "drizzle-orm";
import { scoreModels } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { requireValidDocument } from "./validate";

export const ImportScoreModelInput = z.object({ document: z.unknown() });

/**
 * Imports a document as a draft: a new model for an unknown key, or the new draft of an existing
 * one. The document is validated in full first; an invalid one creates nothing.
 */
export const importScoreModel = workspaceService(
  ImportScoreModelInput,
  async ({ ctx, input }): Promise<{ key: string; created: boolean; draftRevision: number }> => {
    requireRole(ctx, "editor");
    const document = await requireValidDocument(ctx.db, ctx.workspaceId, input.document);
    const [row] = await ctx.db
      .insert(scoreModels)
      .values({
        workspaceId: ctx.workspaceId,
        key: document.key,
        name: document.name,
        emoji: document.emoji,
        kind: document.kind,
        enabled: true,
        draft: document,
      })
      .onConflictDoUpdate({
        target: [scoreModels.workspaceId, scoreModels.key],
        set: {
          draft: document,
          name: document.name,
          emoji: document.emoji,
          kind: document.kind,
          draftRevision: sql`${scoreModels.draftRevision} + 1`,
          updatedAt: new Date(),
        },
      })
      .returning({
        draftRevision: scoreModels.draftRevision,
        created: sql<boolean>`(xmax = 0)`,
      });
    if (!row) throw new Error("upsert returned no row");
    return {
      key: document.key,
      created: Boolean(row.created),
      draftRevision: row.draftRevision,
    };
  },
);
