import { randomBytes } from "node:crypto";
import type { Executor } from "../../../db";
import { BUILTIN_FIELDS } from "../../../db/builtin-fields";
import { fields } from "../../../db/schema";
import type { Role } from "../../context";

export type { SessionUser, UserContext } from "../../context";

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

export async function insertBuiltinFields(db: Executor, workspaceId: string) {
  await db
    .insert(fields)
    .values(BUILTIN_FIELDS.map((f) => ({ ...f, workspaceId, builtin: true })))
    .onConflictDoNothing();
}

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "workspace";
}

export function randomSuffix(): string {
  return randomBytes(3).toString("hex");
}
