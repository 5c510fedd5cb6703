/**
 * What the engine knows about a workspace's data: contact fields and activity types with their
 * property types. The caller loads it (from the `fields` and `activity_types` tables); core never
 * reads the database itself.
 */
import type { FieldType } from "./document";

export interface FieldDef {
  key: string;
  type: FieldType;
  options?: string[] | null;
}

export interface ActivityDef {
  key: string;
  properties: Record<string, FieldType>;
}

export interface Registry {
  fields: Record<string, FieldDef>;
  activities: Record<string, ActivityDef>;
}

/** SPEC §2 built-in contact fields. */
export const BUILTIN_FIELDS: FieldDef[] = [
  { key: "email", type: "text" },
  { key: "first_name", type: "text" },
  { key: "last_name", type: "text" },
  { key: "country", type: "text" },
  { key: "city", type: "text" },
  { key: "company", type: "text" },
  { key: "job_title", type: "text" },
  { key: "created_at", type: "date" },
];

/**
 * Fields stored as contact columns rather than in the `fields` JSON. Their type is fixed by the
 * column, so a registry row cannot retype them.
 */
export const COLUMN_FIELDS = { email: "email", created_at: "createdAt" } as const;
export type ColumnField = keyof typeof COLUMN_FIELDS;

const BUILTIN_BY_KEY: ReadonlyMap<string, FieldDef> = new Map(
  BUILTIN_FIELDS.map((f) => [f.key, f]),
);

/** Builds a registry from lists; built-in fields are always present. */
export function createRegistry(
  input: {
    fields?: readonly FieldDef[];
    activities?: readonly ActivityDef[];
  } = {},
): Registry {
  const fields: Record<string, FieldDef> = {};
  for (const f of BUILTIN_FIELDS) fields[f.key] = f;
  for (const f of input.fields ?? []) {
    if (!isColumnField(f.key)) fields[f.key] = f;
  }
  const activities: Record<string, ActivityDef> = {};
  for (const a of input.activities ?? []) activities[a.key] = a;
  return { fields, activities };
}

export function isColumnField(key: string): key is ColumnField {
  return Object.hasOwn(COLUMN_FIELDS, key);
}

/** Own-property lookup: a key like `constructor` must not find Object.prototype members. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A contact field's definition: columns and built-ins first, then the registry. */
export function lookupContactField(registry: Registry, key: string): FieldDef | undefined {
  if (isColumnField(key)) return BUILTIN_BY_KEY.get(key);
  return own(registry.fields, key) ?? BUILTIN_BY_KEY.get(key);
}

export function lookupActivity(registry: Registry, key: string): ActivityDef | undefined {
  return own(registry.activities, key);
}

export function lookupProperty(
  registry: Registry,
  activity: string,
  key: string,
): FieldType | undefined {
  const def = lookupActivity(registry, activity);
  return def ? own(def.properties, key) : undefined;
}

/** Where a rule's value comes from. */
export type FieldRef =
  | { source: "column"; column: ColumnField; type: FieldType }
  | { source: "contact"; key: string; type: FieldType; options: string[] | null }
  | { source: "property"; key: string; type: FieldType };

export interface FieldScope {
  /** True inside an activity or inactivity criterion's `where`. */
  allowProperties: boolean;
  /** The criterion's activity type, for property types. */
  activity?: string | null | undefined;
}

export type FieldResolution =
  | { ok: true; ref: FieldRef }
  | {
      ok: false;
      code: "unknown_field" | "unknown_property" | "property_outside_activity" | "unknown_activity";
      message: string;
    };

export const CONTACT_PREFIX = "contact.";
export const PROPERTY_PREFIX = "property.";

/**
 * Resolves `contact.<key>` / `property.<key>`. The evaluator and the SQL compiler treat an
 * unresolvable field as always missing (a published version may outlive a registry change);
 * the validator reports it.
 */
export function resolveField(
  field: string,
  registry: Registry,
  scope: FieldScope,
): FieldResolution {
  if (field.startsWith(CONTACT_PREFIX)) {
    const key = field.slice(CONTACT_PREFIX.length);
    const def = key ? lookupContactField(registry, key) : undefined;
    if (!def) {
      return { ok: false, code: "unknown_field", message: `Unknown contact field "${key}".` };
    }
    if (isColumnField(key))
      return { ok: true, ref: { source: "column", column: key, type: def.type } };
    return {
      ok: true,
      ref: { source: "contact", key, type: def.type, options: def.options ?? null },
    };
  }
  if (field.startsWith(PROPERTY_PREFIX)) {
    const key = field.slice(PROPERTY_PREFIX.length);
    if (!scope.allowProperties) {
      return {
        ok: false,
        code: "property_outside_activity",
        message: "Activity properties can only be used inside an activity or inactivity criterion.",
      };
    }
    const activity = scope.activity;
    if (activity == null || !lookupActivity(registry, activity)) {
      return {
        ok: false,
        code: "unknown_activity",
        message: `Unknown activity "${activity ?? ""}", so its properties are unknown.`,
      };
    }
    const type = key ? lookupProperty(registry, activity, key) : undefined;
    if (!type) {
      return {
        ok: false,
        code: "unknown_property",
        message: `Activity "${activity}" has no property "${key}".`,
      };
    }
    return { ok: true, ref: { source: "property", key, type } };
  }
  return {
    ok: false,
    code: "unknown_field",
    message: `Unknown field "${field}": use contact.<key> or property.<key>.`,
  };
}
