import { sql } from "drizzle-orm";
import {
  bigint,
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
import { contacts } from "./contacts";
import { workspaces } from "./workspaces";

/** Property types learnt by the activity registry; the same set as contact field types. */
export type PropertyType = "text" | "number" | "boolean" | "date" | "enum";

/** The activity registry: types seen in data (or declared), with their property keys and types. */
export const activityTypes = pgTable(
  "activity_types",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    properties: jsonb("properties")
      .$type<Record<string, PropertyType>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

/**
 * Activities (events). `(workspace_id, event_id)` is the idempotency key. The scoring index
 * `(workspace_id, contact_id, type, occurred_at)` serves both per-contact reads and set-based rescoring.
 * Every activity belongs to an existing contact: the foreign key includes `workspace_id`, which keeps
 * it valid on a table range-partitioned by `occurred_at` and on Citus (co-located by workspace).
 * Its check takes a KEY SHARE lock on the contact, so a merge deleting that contact waits for the
 * batch inserting its activities to commit and then moves them (ADR 0008).
 */
export const activities = pgTable(
  "activities",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    eventId: text("event_id").notNull(),
    contactId: bigint("contact_id", { mode: "number" }).notNull(),
    type: text("type").notNull(),
    occurredAt: timestamp("occurred_at", {
      withTimezone: true,
      mode: "date",
    }).notNull(),
    properties: jsonb("properties")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("activities_workspace_event_id_key").on(t.workspaceId, t.eventId),
    index("activities_workspace_contact_type_time_idx").on(
      t.workspaceId,
      t.contactId,
      t.type,
      t.occurredAt,
    ),
    index("activities_workspace_type_time_idx").on(t.workspaceId, t.type, t.occurredAt),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);
