import { z } from "zod";
import { requireRole, type ServiceContext } from "../../context";
import { findImport, importView } from "./shared";

export const GetImportInput = z.object({ id: z.string().uuid() });

/** One import with its progress and counters (polled by the UI while it runs). */
export async function getImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.infer<typeof GetImportInput>;
}) {
  requireRole(ctx, "viewer");
  return importView(await findImport(ctx, input.id));
}
