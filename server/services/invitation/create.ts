import { z } from "zod";
import { invitations, ROLE_VALUES } from "../../../db/schema";
import { requireRole, workspaceService } from "../../context";
import { hashToken, randomToken } from "../../crypto";

export const CreateInvitationInput = z.object({
  role: z.enum(ROLE_VALUES),
  /** Days until the link stops working. */
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type CreateInvitationInput = z.input<typeof CreateInvitationInput>;

export const INVITE_PATH = "/invite/";

/** Admins create single-use invitation links; the token is returned once and stored hashed. */
export const createInvitation = workspaceService(CreateInvitationInput, async ({ ctx, input }) => {
  requireRole(ctx, "admin");
  const { role, expiresInDays } = input;
  const token = randomToken();
  const expiresAt = new Date(Date.now() + expiresInDays * 86_400_000);
  const [row] = await ctx.db
    .insert(invitations)
    .values({
      workspaceId: ctx.workspaceId,
      tokenHash: hashToken(token),
      role,
      createdBy: ctx.actor.id,
      expiresAt,
    })
    .returning({ id: invitations.id });
  if (!row) throw new Error("insert returned no invitation");
  return { id: row.id, role, expiresAt, token, path: `${INVITE_PATH}${token}` };
});
