CREATE TABLE "score_dirty" (
	"workspace_id" uuid NOT NULL,
	"contact_id" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_dirty_workspace_id_contact_id_pk" PRIMARY KEY("workspace_id","contact_id")
);
--> statement-breakpoint
CREATE INDEX "score_dirty_changed_at_idx" ON "score_dirty" USING btree ("changed_at");