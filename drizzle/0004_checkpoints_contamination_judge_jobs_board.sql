CREATE TABLE "checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_model_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"name" text NOT NULL,
	"step" integer NOT NULL,
	"stage" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkpoints_stage_check" CHECK ("checkpoints"."stage" in ('pretrain', 'sft', 'rlhf', 'other'))
);
--> statement-breakpoint
CREATE TABLE "comparison_summaries" (
	"key" text PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"data" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contamination_indexes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"n" integer NOT NULL,
	"documents" bigint NOT NULL,
	"characters" bigint NOT NULL,
	"fingerprints" bigint NOT NULL,
	"corpus_bytes" bigint NOT NULL,
	"index_bytes" bigint NOT NULL,
	"status" text DEFAULT 'ready' NOT NULL,
	"error" text,
	"builder" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contamination_indexes_status_check" CHECK ("contamination_indexes"."status" in ('building', 'ready', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "device_benchmarks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid,
	"device" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_jobs" (
	"key" text PRIMARY KEY NOT NULL,
	"judge_model_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"run_ids" jsonb NOT NULL,
	"max_items" integer,
	"status" text NOT NULL,
	"owner" text NOT NULL,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "judge_jobs_status_check" CHECK ("judge_jobs"."status" in ('running', 'finished'))
);
--> statement-breakpoint
CREATE TABLE "lineage_stages" (
	"lineage_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"model_id" uuid NOT NULL,
	CONSTRAINT "lineage_stages_lineage_id_position_pk" PRIMARY KEY("lineage_id","position")
);
--> statement-breakpoint
CREATE TABLE "lineages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_model_id" uuid NOT NULL,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"metrics" jsonb NOT NULL,
	"points" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "device" jsonb;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "board_profile" text GENERATED ALWAYS AS (coalesce(settings ->> 'shots', '0') || '|' || coalesce(settings ->> 'template', 'paper') || '|' || coalesce(settings ->> 'answerMode', 'text') || '|' || coalesce(settings ->> 'tokenizer', 'char') || '|' || coalesce(settings ->> 'key', 'stigma') || '|' || coalesce(settings ->> 'contextChars', '1024') || '|' || coalesce(settings ->> 'strideChars', '512')) STORED;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_series_model_id_models_id_fk" FOREIGN KEY ("series_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_summaries" ADD CONSTRAINT "comparison_summaries_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_benchmarks" ADD CONSTRAINT "device_benchmarks_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_jobs" ADD CONSTRAINT "judge_jobs_judge_model_id_models_id_fk" FOREIGN KEY ("judge_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_stages" ADD CONSTRAINT "lineage_stages_lineage_id_lineages_id_fk" FOREIGN KEY ("lineage_id") REFERENCES "public"."lineages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_stages" ADD CONSTRAINT "lineage_stages_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_logs" ADD CONSTRAINT "training_logs_series_model_id_models_id_fk" FOREIGN KEY ("series_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoints_model_key" ON "checkpoints" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoints_series_name_key" ON "checkpoints" USING btree ("series_model_id","name");--> statement-breakpoint
CREATE INDEX "checkpoints_series_step_idx" ON "checkpoints" USING btree ("series_model_id","step");--> statement-breakpoint
CREATE INDEX "judge_jobs_status_idx" ON "judge_jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "lineage_stages_model_idx" ON "lineage_stages" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lineages_name_key" ON "lineages" USING btree ("name");--> statement-breakpoint
CREATE INDEX "training_logs_series_idx" ON "training_logs" USING btree ("series_model_id");--> statement-breakpoint
CREATE INDEX "runs_board_cell_idx" ON "runs" USING btree ("model_id","suite_id","suite_version","board_profile","finished_at" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id") WHERE status in ('completed', 'completed_with_errors');