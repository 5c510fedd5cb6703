import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/** Field types of the registry (SPEC §2). */
export const FIELD_TYPES = ["text", "number", "boolean", "date", "enum"] as const;

/**
 * The per-workspace field registry. Built-in fields (`email`, `created_at`, …) are rows too, so the
 * editor and the compiler read one list.
 */
export const fields = pgTable(
  "fields",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type", { enum: FIELD_TYPES }).notNull(),
    options: jsonb("options").$type<string[]>(),
    builtin: boolean("builtin").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/**
 * Contacts. `email` and `created_at` are columns (they are read everywhere); every other field value
 * lives in `fields` (JSON object keyed by field key), typed by the registry.
 */
export const contacts = pgTable(
  "contacts",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    externalId: text("external_id").notNull(),
    email: text("email"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    fields: jsonb("fields")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("contacts_workspace_external_id_key").on(t.workspaceId, t.externalId),
    index("contacts_workspace_created_at_idx").on(t.workspaceId, t.createdAt),
  ],
);

/**
 * Identities merged into a contact: `anon:<anonymousId>` once a browser or Segment source
 * identified it. Ingestion resolves an externalId through this table first, so activity that
 * arrives for the anonymous id after (or while) it is merged lands on the known contact instead of
 * re-creating an anonymous one (ADR 0008).
 */
export const contactAliases = pgTable(
  "contact_aliases",
  {
    workspaceId: uuid("workspace_id").notNull(),
    externalId: text("external_id").notNull(),
    contactId: bigint("contact_id", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.externalId] }),
    index("contact_aliases_workspace_contact_idx").on(t.workspaceId, t.contactId),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);
