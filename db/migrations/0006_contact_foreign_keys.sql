CREATE TABLE "contact_aliases" (
	"workspace_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"contact_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_aliases_workspace_id_external_id_pk" PRIMARY KEY("workspace_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "contact_aliases" ADD CONSTRAINT "contact_aliases_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_aliases_workspace_contact_idx" ON "contact_aliases" USING btree ("workspace_id","contact_id");--> statement-breakpoint
-- Hand-written: rows left pointing at contacts that no longer exist (a merge racing ingestion
-- could leave them) can never be read; remove them so the foreign keys below can be created.
DELETE FROM "activities" a WHERE NOT EXISTS (SELECT 1 FROM "contacts" c WHERE c."workspace_id" = a."workspace_id" AND c."id" = a."contact_id");--> statement-breakpoint
DELETE FROM "score_dirty" d WHERE NOT EXISTS (SELECT 1 FROM "contacts" c WHERE c."workspace_id" = d."workspace_id" AND c."id" = d."contact_id");--> statement-breakpoint
DELETE FROM "scores" s WHERE NOT EXISTS (SELECT 1 FROM "contacts" c WHERE c."workspace_id" = s."workspace_id" AND c."id" = s."contact_id");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_dirty" ADD CONSTRAINT "score_dirty_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_workspace_id_contact_id_contacts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","contact_id") REFERENCES "public"."contacts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;