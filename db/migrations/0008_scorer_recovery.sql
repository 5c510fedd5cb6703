ALTER TABLE "score_dirty" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "score_runs" ADD COLUMN "resume_after" bigint;