import {
  bigint,
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ModelDocument } from "../../core/scoring/document";
import { contacts } from "./contacts";
import { workspaces } from "./workspaces";

export const MODEL_KINDS = ["lead", "engagement", "health", "custom"] as const;

/**
 * A score model: identity, switch and the one mutable draft. Published versions live in
 * `score_model_versions` and never change. `draft_revision` is the optimistic-concurrency token.
 */
export const scoreModels = pgTable(
  "score_models",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    emoji: text("emoji").notNull(),
    kind: text("kind", { enum: MODEL_KINDS }).notNull(),
    enabled: boolean("enabled").notNull().default(false),
    enabledChangedAt: timestamp("enabled_changed_at", {
      withTimezone: true,
      mode: "date",
    })
      .notNull()
      .defaultNow(),
    draft: jsonb("draft").$type<ModelDocument>().notNull(),
    draftRevision: integer("draft_revision").notNull().default(1),
    /** Editor metadata (node positions); never read by scoring. */
    layout: jsonb("layout").$type<Record<string, unknown>>(),
    latestVersion: integer("latest_version"),
    /** Percentile scale: the reference raw value R computed at the last full rescore. */
    scaleReference: doublePrecision("scale_reference"),
    scaleReferenceAt: timestamp("scale_reference_at", {
      withTimezone: true,
      mode: "date",
    }),
    /**
     * Why scoring this model last failed (a safe message; details in the server log), and when.
     * Set by the scorers, cleared by the next success; the model's page and the list show it.
     */
    scoringError: text("scoring_error"),
    scoringFailedAt: timestamp("scoring_failed_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("score_models_workspace_key_key").on(t.workspaceId, t.key),
  ],
);

/** Immutable published versions (a trigger in the migrations refuses UPDATE). */
export const scoreModelVersions = pgTable(
  "score_model_versions",
  {
    workspaceId: uuid("workspace_id").notNull(),
    modelId: uuid("model_id").notNull(),
    version: integer("version").notNull(),
    document: jsonb("document").$type<ModelDocument>().notNull(),
    note: text("note"),
    publishedBy: text("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.modelId, t.version] }),
    foreignKey({
      columns: [t.workspaceId, t.modelId],
      foreignColumns: [scoreModels.workspaceId, scoreModels.id],
    }).onDelete("cascade"),
  ],
);

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;

/** A full rescore of one model version: progress the UI polls, and the percentile reference used. */
export const scoreRuns = pgTable(
  "score_runs",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    modelId: uuid("model_id").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull().default("queued"),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    /** The last contact id whose chunk committed: a run cut short resumes after it. */
    resumeAfter: bigint("resume_after", { mode: "number" }),
    asOf: timestamp("as_of", { withTimezone: true, mode: "date" }),
    scaleReference: doublePrecision("scale_reference"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("score_runs_workspace_model_created_idx").on(t.workspaceId, t.modelId, t.createdAt),
    foreignKey({
      columns: [t.workspaceId, t.modelId],
      foreignColumns: [scoreModels.workspaceId, scoreModels.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Stored scores, one row per (model, contact). Audiences filter and order on
 * `(workspace_id, model_id, score, contact_id)`; the contact page reads by `(workspace_id, contact_id)`.
 */
export const scores = pgTable(
  "scores",
  {
    workspaceId: uuid("workspace_id").notNull(),
    modelId: uuid("model_id").notNull(),
    contactId: bigint("contact_id", { mode: "number" }).notNull(),
    version: integer("version").notNull(),
    raw: doublePrecision("raw").notNull(),
    score: doublePrecision("score").notNull(),
    stars: real("stars").notNull(),
    band: text("band").notNull(),
    asOf: timestamp("as_of", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.modelId, t.contactId] }),
    index("scores_workspace_model_score_idx").on(t.workspaceId, t.modelId, t.score, t.contactId),
    index("scores_workspace_model_band_idx").on(t.workspaceId, t.modelId, t.band),
    index("scores_workspace_contact_idx").on(t.workspaceId, t.contactId),
    foreignKey({
      columns: [t.workspaceId, t.modelId],
      foreignColumns: [scoreModels.workspaceId, scoreModels.id],
    }).onDelete("cascade"),
    // A score never outlives its contact (a merge deletes the anonymous one).
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);

/**
 * Contacts whose stored scores are out of date because their data changed (an ingested activity or
 * field update). Written in the same transaction as the change; drained by the incremental scorer.
 */
export const scoreDirty = pgTable(
  "score_dirty",
  {
    workspaceId: uuid("workspace_id").notNull(),
    contactId: bigint("contact_id", { mode: "number" }).notNull(),
    /** When the change was committed: the start of the event → score latency. */
    changedAt: timestamp("changed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The scorer batch working on this contact (null: waiting). A new change clears it. */
    claimId: uuid("claim_id"),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
    /** The scorer process holding the claim (host:port), so it can drop its claims on restart. */
    claimedBy: text("claimed_by"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.contactId] }),
    index("score_dirty_changed_at_idx").on(t.changedAt),
    index("score_dirty_claim_id_idx").on(t.claimId),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }).onDelete("cascade"),
  ],
);
