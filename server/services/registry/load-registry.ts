import { eq } from "drizzle-orm";
import type { FieldType } from "../../../core/scoring/document";
import type { Registry } from "../../../core/scoring/registry";
import type { Executor } from "../../../db";
import { activityTypes, fields } from "../../../db/schema";

/** The workspace's field and activity registries in the engine's shape. */
export async function loadRegistry(db: Executor, workspaceId: string): Promise<Registry> {
  const [fieldRows, activityRows] = await Promise.all([
    db.select().from(fields).where(eq(fields.workspaceId, workspaceId)),
    db.select().from(activityTypes).where(eq(activityTypes.workspaceId, workspaceId)),
  ]);
  return {
    fields: Object.fromEntries(
      fieldRows.map((f) => [f.key, { key: f.key, type: f.type as FieldType, options: f.options }]),
    ),
    activities: Object.fromEntries(
      activityRows.map((a) => [
        a.key,
        { key: a.key, properties: a.properties as Record<string, FieldType> },
      ]),
    ),
  };
}

/** The registry as the UI lists it (labels included). */
export async function listRegistry(db: Executor, workspaceId: string) {
  const [fieldRows, activityRows] = await Promise.all([
    db.select().from(fields).where(eq(fields.workspaceId, workspaceId)).orderBy(fields.key),
    db
      .select()
      .from(activityTypes)
      .where(eq(activityTypes.workspaceId, workspaceId))
      .orderBy(activityTypes.key),
  ]);
  return {
    fields: fieldRows.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      options: f.options,
    })),
    activities: activityRows.map((a) => ({
      key: a.key,
      label: a.label,
      properties: a.properties,
    })),
  };
}
