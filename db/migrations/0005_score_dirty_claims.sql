ALTER TABLE "score_dirty" ADD COLUMN "claim_id" uuid;--> statement-breakpoint
ALTER TABLE "score_dirty" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "score_dirty_claim_id_idx" ON "score_dirty" USING btree ("claim_id");