CREATE TABLE "seed_state" (
	"key" text PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"seeded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "prompt_price_per_mtok" double precision;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "completion_price_per_mtok" double precision;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "item_count" integer;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "suite_item_count" integer;