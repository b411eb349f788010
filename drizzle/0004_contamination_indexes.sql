CREATE TABLE "contamination_indexes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"n" integer NOT NULL,
	"documents" bigint NOT NULL,
	"characters" bigint NOT NULL,
	"fingerprints" bigint NOT NULL,
	"corpus_bytes" bigint NOT NULL,
	"index_bytes" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
