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
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_series_model_id_models_id_fk" FOREIGN KEY ("series_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_stages" ADD CONSTRAINT "lineage_stages_lineage_id_lineages_id_fk" FOREIGN KEY ("lineage_id") REFERENCES "public"."lineages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_stages" ADD CONSTRAINT "lineage_stages_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_logs" ADD CONSTRAINT "training_logs_series_model_id_models_id_fk" FOREIGN KEY ("series_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoints_model_key" ON "checkpoints" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoints_series_name_key" ON "checkpoints" USING btree ("series_model_id","name");--> statement-breakpoint
CREATE INDEX "checkpoints_series_step_idx" ON "checkpoints" USING btree ("series_model_id","step");--> statement-breakpoint
CREATE INDEX "lineage_stages_model_idx" ON "lineage_stages" USING btree ("model_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lineages_name_key" ON "lineages" USING btree ("name");--> statement-breakpoint
CREATE INDEX "training_logs_series_idx" ON "training_logs" USING btree ("series_model_id");