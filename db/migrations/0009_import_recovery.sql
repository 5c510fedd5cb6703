ALTER TABLE "imports" ADD COLUMN "encoding" text DEFAULT 'utf-8' NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "run_token" uuid;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "rows_read" integer DEFAULT 0 NOT NULL;