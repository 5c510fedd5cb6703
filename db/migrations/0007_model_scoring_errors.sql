ALTER TABLE "score_models" ADD COLUMN "scoring_error" text;--> statement-breakpoint
ALTER TABLE "score_models" ADD COLUMN "scoring_failed_at" timestamp with time zone;