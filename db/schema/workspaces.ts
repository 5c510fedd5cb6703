import { pgTable, text, timestamp, uuid, uniqueIndex } from "drizzle-orm/pg-core";

export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the demo seed finished, so an interrupted seed resumes and a finished one never reruns. */
    seededAt: timestamp("seeded_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("workspaces_slug_key").on(t.slug)],
);
