/**
 * What every service receives: the database, the active workspace and the acting user.
 * Services take the workspace from here, never from input, so every query can be scoped.
 */
import type { Db } from "../db";
import { ForbiddenError } from "./errors";
import type { JobQueue } from "./jobs/queue";

export const ROLES = ["admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  name: string;
  role: Role;
}

export interface ServiceContext {
  db: Db;
  workspaceId: string;
  actor: Actor;
  /** Background work; absent in contexts that cannot enqueue (then work is reported as skipped). */
  queue: JobQueue;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Guards a service: the actor's role must be at least `minimum`. */
export function requireRole(ctx: Pick<ServiceContext, "actor">, minimum: Role): void {
  if (RANK[ctx.actor.role] < RANK[minimum]) {
    throw new ForbiddenError(
      minimum === "admin"
        ? "Only workspace admins can do that"
        : "Your role in this workspace is read-only",
    );
  }
}
