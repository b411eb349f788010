DROP INDEX "suite_items_suite_external_key";--> statement-breakpoint
ALTER TABLE "suite_items" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "suite_items_suite_external_key" ON "suite_items" USING btree ("suite_id","external_id") WHERE "suite_items"."retired_at" is null;