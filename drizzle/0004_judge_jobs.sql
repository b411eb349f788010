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
ALTER TABLE "judge_jobs" ADD CONSTRAINT "judge_jobs_judge_model_id_models_id_fk" FOREIGN KEY ("judge_model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "judge_jobs_status_idx" ON "judge_jobs" USING btree ("status");