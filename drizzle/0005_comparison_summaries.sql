CREATE TABLE "comparison_summaries" (
	"key" text PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"data" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comparison_summaries" ADD CONSTRAINT "comparison_summaries_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;