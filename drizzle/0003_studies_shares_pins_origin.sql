-- share_links held no rows before share links existed: it is replaced rather than altered column by column.
DROP TABLE "share_links" CASCADE;--> statement-breakpoint
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
CREATE TABLE "judgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid,
	"source" text NOT NULL,
	"rater_id" uuid,
	"task_id" uuid,
	"judge_model_id" uuid,
	"item_id" uuid NOT NULL,
	"run_a_id" uuid NOT NULL,
	"run_b_id" uuid,
	"left_run_id" uuid,
	"choice" text,
	"rated_run_id" uuid,
	"correctness" integer,
	"safety" integer,
	"comment" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judgements_choice_check" CHECK ("judgements"."choice" is null or "judgements"."choice" in ('a', 'b', 'tie')),
	CONSTRAINT "judgements_correctness_check" CHECK ("judgements"."correctness" is null or "judgements"."correctness" between 1 and 5),
	CONSTRAINT "judgements_safety_check" CHECK ("judgements"."safety" is null or "judgements"."safety" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "leaderboard_pins" (
	"model_id" uuid NOT NULL,
	"suite_id" text NOT NULL,
	"fingerprint" text NOT NULL,
	"run_id" uuid NOT NULL,
	"pinned_by" text NOT NULL,
	"pinned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leaderboard_pins_model_id_suite_id_fingerprint_pk" PRIMARY KEY("model_id","suite_id","fingerprint")
);
--> statement-breakpoint
CREATE TABLE "rater_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rater_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"value" integer NOT NULL,
	"letter_position" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rater_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rater_id" uuid NOT NULL,
	"study_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"run_a_id" uuid,
	"run_b_id" uuid,
	"left_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "raters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"label" text,
	"profile" jsonb,
	"consented_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	CONSTRAINT "raters_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"created_by" text,
	"language" text NOT NULL,
	"consent_text" text NOT NULL,
	"scale_suite_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"run_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"option_order" text DEFAULT 'published' NOT NULL,
	"items_per_rater" integer NOT NULL,
	"raters_per_pair" integer DEFAULT 2 NOT NULL,
	"deadline" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"cohort_token_hash" text,
	"cohort_revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "studies_cohort_token_hash_unique" UNIQUE("cohort_token_hash"),
	CONSTRAINT "studies_raters_per_pair_check" CHECK ("studies"."raters_per_pair" >= 2)
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "origin" jsonb;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_rater_id_raters_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."raters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_task_id_rater_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rater_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_judge_model_id_models_id_fk" FOREIGN KEY ("judge_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_item_id_suite_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."suite_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_run_a_id_runs_id_fk" FOREIGN KEY ("run_a_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_run_b_id_runs_id_fk" FOREIGN KEY ("run_b_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_left_run_id_runs_id_fk" FOREIGN KEY ("left_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judgements" ADD CONSTRAINT "judgements_rated_run_id_runs_id_fk" FOREIGN KEY ("rated_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_pins" ADD CONSTRAINT "leaderboard_pins_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_pins" ADD CONSTRAINT "leaderboard_pins_suite_id_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."suites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_pins" ADD CONSTRAINT "leaderboard_pins_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_responses" ADD CONSTRAINT "rater_responses_rater_id_raters_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."raters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_responses" ADD CONSTRAINT "rater_responses_task_id_rater_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."rater_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_responses" ADD CONSTRAINT "rater_responses_item_id_suite_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."suite_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_tasks" ADD CONSTRAINT "rater_tasks_rater_id_raters_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."raters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_tasks" ADD CONSTRAINT "rater_tasks_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_tasks" ADD CONSTRAINT "rater_tasks_item_id_suite_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."suite_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_tasks" ADD CONSTRAINT "rater_tasks_run_a_id_runs_id_fk" FOREIGN KEY ("run_a_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_tasks" ADD CONSTRAINT "rater_tasks_run_b_id_runs_id_fk" FOREIGN KEY ("run_b_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_tasks" ADD CONSTRAINT "rater_tasks_left_run_id_runs_id_fk" FOREIGN KEY ("left_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "raters" ADD CONSTRAINT "raters_study_id_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "judgements_rater_task_key" ON "judgements" USING btree ("rater_id","task_id");--> statement-breakpoint
CREATE INDEX "judgements_study_idx" ON "judgements" USING btree ("study_id");--> statement-breakpoint
CREATE INDEX "judgements_item_idx" ON "judgements" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "leaderboard_pins_run_idx" ON "leaderboard_pins" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rater_responses_rater_item_key" ON "rater_responses" USING btree ("rater_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rater_tasks_rater_ordinal_key" ON "rater_tasks" USING btree ("rater_id","ordinal");--> statement-breakpoint
CREATE INDEX "rater_tasks_study_idx" ON "rater_tasks" USING btree ("study_id");--> statement-breakpoint
CREATE INDEX "raters_study_idx" ON "raters" USING btree ("study_id");--> statement-breakpoint
CREATE INDEX "studies_created_idx" ON "studies" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "share_links_token_hash_key" ON "share_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "share_links_created_by_idx" ON "share_links" USING btree ("created_by");
