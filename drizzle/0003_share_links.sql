DROP TABLE "share_links" CASCADE;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "origin" jsonb;--> statement-breakpoint
CREATE TABLE "share_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"target" jsonb NOT NULL,
	"include_items" boolean DEFAULT false NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"label" text,
	"created_by" text,
	"view_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "share_links_token_hash_key" ON "share_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "share_links_created_by_idx" ON "share_links" USING btree ("created_by");