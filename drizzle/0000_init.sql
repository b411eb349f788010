CREATE TABLE "models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"base_url" text,
	"model_id" text,
	"api_key_env" text,
	"api_key_ciphertext" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"concurrency" integer DEFAULT 8 NOT NULL,
	"timeout_ms" integer DEFAULT 60000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reported_results" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reported_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model" text NOT NULL,
	"benchmark" text NOT NULL,
	"task" text NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "run_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sample" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"messages" jsonb,
	"raw_response" text,
	"parsed" jsonb,
	"outcome" text,
	"scores" jsonb,
	"latency_ms" integer,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"cached" boolean DEFAULT false NOT NULL,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"suite_id" text NOT NULL,
	"suite_version" text NOT NULL,
	"settings" jsonb NOT NULL,
	"config_hash" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"metrics" jsonb,
	"ci" jsonb,
	"summary" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"token" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"target" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "suite_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"suite_id" text NOT NULL,
	"external_id" text NOT NULL,
	"position" integer NOT NULL,
	"split" text NOT NULL,
	"subset" text,
	"input" jsonb NOT NULL,
	"gold" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"task_kind" text NOT NULL,
	"licence" text NOT NULL,
	"source" text NOT NULL,
	"citation" text,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" text NOT NULL,
	"test_count" integer NOT NULL,
	"dev_count" integer DEFAULT 0 NOT NULL,
	"bundled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_items" ADD CONSTRAINT "run_items_item_id_suite_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."suite_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_suite_id_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."suites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suite_items" ADD CONSTRAINT "suite_items_suite_id_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."suites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "models_name_key" ON "models" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "reported_results_key" ON "reported_results" USING btree ("model","benchmark","metric");--> statement-breakpoint
CREATE UNIQUE INDEX "run_items_run_item_sample_key" ON "run_items" USING btree ("run_id","item_id","sample");--> statement-breakpoint
CREATE INDEX "run_items_run_status_idx" ON "run_items" USING btree ("run_id","status");--> statement-breakpoint
CREATE INDEX "run_items_claim_idx" ON "run_items" USING btree ("status","lease_until") WHERE status in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "runs_suite_idx" ON "runs" USING btree ("suite_id");--> statement-breakpoint
CREATE INDEX "runs_model_idx" ON "runs" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "share_links_kind_idx" ON "share_links" USING btree ("kind");--> statement-breakpoint
CREATE UNIQUE INDEX "suite_items_suite_external_key" ON "suite_items" USING btree ("suite_id","external_id");--> statement-breakpoint
CREATE INDEX "suite_items_suite_split_position_idx" ON "suite_items" USING btree ("suite_id","split","position");