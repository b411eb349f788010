DROP INDEX "run_items_claim_idx";--> statement-breakpoint
CREATE INDEX "run_items_queue_idx" ON "run_items" USING btree ("run_id","id") WHERE status in ('pending', 'running');