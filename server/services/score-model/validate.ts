import { z } from "zod";
import type { ValidationIssue } from "../../../core/scoring/validate";
import { validateModel } from "../../../core/scoring/validate";
import type { ModelDocument } from "../../../core/scoring/document";
import type { Executor } from "../../../db";
import { workspaceService } from "../../context";
import { InvalidDocumentError } from "../../errors";
import { loadRegistry } from "../registry/load-registry";

export const ValidateScoreModelInput = z.object({ document: z.unknown() });

/** Issues of a document against the workspace's registries (empty when valid). */
export const validateScoreModel = workspaceService(
  ValidateScoreModelInput,
  async ({ ctx, input }): Promise<{ issues: ValidationIssue[] }> => {
    const registry = await loadRegistry(ctx.db, ctx.workspaceId);
    const result = validateModel(input.document, registry);
    return { issues: result.ok ? [] : result.issues };
  },
);

/** The validated document, or InvalidDocumentError listing every issue. */
export async function requireValidDocument(
  db: Executor,
  workspaceId: string,
  document: unknown,
): Promise<ModelDocument> {
  const registry = await loadRegistry(db, workspaceId);
  const result = validateModel(document, registry);
  if (!result.ok) throw new InvalidDocumentError(result.issues);
  return result.document;
}
