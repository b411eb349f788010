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
ALTER TABLE "leaderboard_pins" ADD CONSTRAINT "leaderboard_pins_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_pins" ADD CONSTRAINT "leaderboard_pins_suite_id_suites_id_fk" FOREIGN KEY ("suite_id") REFERENCES "public"."suites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_pins" ADD CONSTRAINT "leaderboard_pins_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leaderboard_pins_run_idx" ON "leaderboard_pins" USING btree ("run_id");