import { z } from "zod";
import { requireRole, workspaceService } from "../../context";
import { findImport, importView } from "./shared";

export const GetImportInput = z.object({ id: z.string().uuid() });

/** One import with its progress and counters (polled by the UI while it runs). */
export const getImport = workspaceService(GetImportInput, async ({ ctx, input }) => {
  requireRole(ctx, "viewer");
  return importView(await findImport(ctx, input.id));
});
