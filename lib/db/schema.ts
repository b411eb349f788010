import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { FINISHED_STATUSES, type RunStatus } from "@/lib/run-status";
import type { TaskKind } from "@/lib/suites/types";
import type { RunSettings } from "@/lib/tasks/settings";
import { COMPARABLE_SETTINGS, PROTOCOL_PROFILE } from "@/lib/tasks/settings-profile";

import type { ContaminationFailure } from "@/lib/validation/contamination";
import type { DeviceStats } from "@/lib/validation/browser";

type Localized = { en: string; zh: string };
export type RunOrigin = { file: string | null; instance: string | null; exportedAt: string | null; importedAt: string; sourceRunId: string | null };
/** Immutable (a generated column's rule): `||` and coalesce rather than concat_ws. */
const boardProfileSql = sql.raw(
  COMPARABLE_SETTINGS.map((name) => `coalesce(settings ->> '${name}', '${PROTOCOL_PROFILE[name]}')`).join(" || '|' || "),
);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const models = pgTable(
  "models",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** "openai" (any OpenAI-compatible server), "browser" (WebGPU/WASM in the page) or "baseline". */
    provider: text("provider").notNull(),
    baseUrl: text("base_url"),
    modelId: text("model_id"),
    /** Name of a server-side environment variable holding the key; the key itself is never stored here. */
    apiKeyEnv: text("api_key_env"),
    /** AES-GCM ciphertext of a key typed into the UI, sealed with a key from the environment. */
    apiKeyCiphertext: text("api_key_ciphertext"),
    /** Origin (scheme, host, port) the sealed key was entered for: it is never sent anywhere else. */
    apiKeyOrigin: text("api_key_origin"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    concurrency: integer("concurrency").notNull().default(8),
    /** Optional prices per million prompt / completion tokens (any currency), for a run's cost. */
    promptPricePerMTok: doublePrecision("prompt_price_per_mtok"),
    completionPricePerMTok: doublePrecision("completion_price_per_mtok"),
    timeoutMs: integer("timeout_ms").notNull().default(60_000),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("models_name_key").on(t.name)],
);

export const suites = pgTable("suites", {
  /** Stable id that scripts refer to, e.g. "cmmlu-medical". */
  id: text("id").primaryKey(),
  name: jsonb("name").$type<Localized>().notNull(),
  description: jsonb("description").$type<Localized>(),
  taskKind: text("task_kind").$type<TaskKind>().notNull(),
  licence: text("licence").notNull(),
  source: text("source").notNull(),
  citation: text("citation"),
  config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
  /** sha256 of the canonical content: the suite's version. */
  version: text("version").notNull(),
  testCount: integer("test_count").notNull(),
  devCount: integer("dev_count").notNull().default(0),
  bundled: boolean("bundled").notNull().default(false),
  createdAt: createdAt(),
});

export const suiteItems = pgTable(
  "suite_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    suiteId: text("suite_id")
      .notNull()
      .references(() => suites.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    position: integer("position").notNull(),
    split: text("split").notNull(),
    subset: text("subset"),
    input: jsonb("input").$type<Record<string, unknown>>().notNull(),
    gold: jsonb("gold").$type<Record<string, unknown>>().notNull(),
    /** Set when a new version of the suite replaced this item; kept because a run of the old version refers to it. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("suite_items_suite_external_key").on(t.suiteId, t.externalId).where(sql`${t.retiredAt} is null`),
    index("suite_items_suite_split_position_idx").on(t.suiteId, t.split, t.position),
  ],
);

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    suiteId: text("suite_id")
      .notNull()
      .references(() => suites.id, { onDelete: "cascade" }),
    suiteVersion: text("suite_version").notNull(),
    /** Frozen at creation: template, decoding, samples, seed, option order, scoring key, tokeniser... */
    settings: jsonb("settings").$type<RunSettings>().notNull(),
    configHash: text("config_hash").notNull(),
    /** A researcher's own name for the run. */
    label: text("label"),
    status: text("status").$type<RunStatus>().notNull().default("queued"),
    total: integer("total").notNull().default(0),
    /** Distinct suite items queued, and the suite's test items when the run was created: coverage. */
    itemCount: integer("item_count"),
    suiteItemCount: integer("suite_item_count"),
    metrics: jsonb("metrics").$type<Record<string, number>>(),
    ci: jsonb("ci").$type<Record<string, [number, number]>>(),
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    error: text("error"),
    /** Set on a run imported from an exported file: where it came from and when it was exported. */
    origin: jsonb("origin").$type<RunOrigin>(),
    /** Set on a browser run: the device that generated its answers and the speeds it reached there. */
    device: jsonb("device").$type<DeviceStats>(),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /**
     * The leaderboard cell's comparable settings joined with "|" (lib/tasks/settings-profile.ts), kept by the
     * database so the board picks a run per cell from an index instead of reading every run's settings.
     */
    boardProfile: text("board_profile").generatedAlwaysAs(boardProfileSql),
  },
  (t) => [
    index("runs_suite_idx").on(t.suiteId),
    index("runs_model_idx").on(t.modelId),
    // Finished runs in board-cell order, newest first: the "latest" fill rule reads it without sorting.
    index("runs_board_cell_idx")
      .on(t.modelId, t.suiteId, t.suiteVersion, t.boardProfile, t.finishedAt.desc().nullsLast(), t.createdAt.desc(), t.id)
      .where(sql.raw(`status in (${FINISHED_STATUSES.map((status) => `'${status}'`).join(", ")})`)),
  ],
);

export const runItems = pgTable(
  "run_items",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => suiteItems.id, { onDelete: "cascade" }),
    sample: integer("sample").notNull().default(0),
    /** pending -> running (leased) -> done | error */
    status: text("status").notNull().default("pending"),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    messages: jsonb("messages").$type<unknown[]>(),
    rawResponse: text("raw_response"),
    parsed: jsonb("parsed"),
    /** scored | unparsed | refused */
    outcome: text("outcome"),
    scores: jsonb("scores").$type<Record<string, unknown>>(),
    latencyMs: integer("latency_ms"),
    promptTokens: integer("prompt_tokens"),
    completionTokens: integer("completion_tokens"),
    cached: boolean("cached").notNull().default(false),
    error: text("error"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("run_items_run_item_sample_key").on(t.runId, t.itemId, t.sample),
    index("run_items_run_status_idx").on(t.runId, t.status),
    // The queue in claim order: a claim reads only the rows it takes, however long the run.
    index("run_items_queue_idx").on(t.runId, t.id).where(sql`status in ('pending', 'running')`),
  ],
);

export const responseCache = pgTable("response_cache", {
  /** sha256 of (endpoint, model, params, messages). */
  key: text("key").primaryKey(),
  response: jsonb("response").$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
});

export const reportedResults = pgTable(
  "reported_results",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    model: text("model").notNull(),
    benchmark: text("benchmark").notNull(),
    task: text("task").notNull(),
    metric: text("metric").notNull(),
    /** As printed in the source (percent). */
    value: doublePrecision("value").notNull(),
    source: text("source").notNull(),
  },
  (t) => [uniqueIndex("reported_results_key").on(t.model, t.benchmark, t.metric)],
);

/**
 * A read-only link to one result (`/s/<token>`). Only the SHA-256 of the token is stored: the raw token is shown
 * once to its creator, so a copy of the database (a backup, a dump) opens no shared page.
 */
export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    /** run | audit | comparison | model | leaderboard */
    kind: text("kind").notNull(),
    /** What is shared: `{ runId }` for run and audit links; the other kinds' own ids or filter object. */
    target: jsonb("target").$type<Record<string, unknown>>().notNull(),
    /** Whether the page lists each item's answer, parse and score (else only aggregates). */
    includeItems: boolean("include_items").notNull().default(false),
    /** Public links may be indexed by search engines; others are sent with X-Robots-Tag: noindex. */
    public: boolean("public").notNull().default(false),
    label: text("label"),
    /** users.id of the creator; null for the single-user admin. No foreign key: a removed account's links stay revocable by an admin's database. */
    createdBy: text("created_by"),
    viewCount: integer("view_count").notNull().default(0),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("share_links_token_hash_key").on(t.tokenHash), index("share_links_created_by_idx").on(t.createdBy)],
);

// Accounts (better-auth's tables, named and typed the house way; see lib/auth/auth.ts for the field map).
export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  /** "admin" or "researcher"; the first account is admin. */
  role: text("role").notNull().default("researcher"),
  /** A disabled account cannot sign in and its sessions are gone. */
  disabled: boolean("disabled").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    /** The library's password hash (scrypt); never the password. */
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

export const verifications = pgTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const invites = pgTable("invites", {
  /** sha256 of the token in the link; the token itself is shown once, to the admin who made it. */
  tokenHash: text("token_hash").primaryKey(),
  email: text("email").notNull(),
  role: text("role").notNull(),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** users.id of who did it; null for the single-user admin, an anonymous caller or the command line. */
    actorId: text("actor_id"),
    /** What the actor was known as at the time (email, "single-user", "anonymous", "cli"). */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    /** What it was done to, e.g. "user:<id>", "model:<id>", "run:<id>". */
    target: text("target"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

/** Fixed-window counters shared by every process of a deployment (sign-in attempts, run creation...). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

/** Secrets the deployment generates for itself once (the session-signing secret), shared by its processes. */
export const appSecrets = pgTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

/**
 * The run a researcher chose to fill one leaderboard cell under the "pinned" rule: one per (model, suite,
 * settings fingerprint; see lib/leaderboard/settings-profile.ts).
 */
export const leaderboardPins = pgTable(
  "leaderboard_pins",
  {
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    suiteId: text("suite_id")
      .notNull()
      .references(() => suites.id, { onDelete: "cascade" }),
    fingerprint: text("fingerprint").notNull(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    /** What the researcher was known as (email or "single-user"). */
    pinnedBy: text("pinned_by").notNull(),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.suiteId, t.fingerprint] }), index("leaderboard_pins_run_idx").on(t.runId)],
);

/** What was last imported at start (bundled data): a fingerprint of the files, so an unchanged start skips the import. */
export const seedState = pgTable("seed_state", {
  key: text("key").primaryKey(),
  fingerprint: text("fingerprint").notNull(),
  seededAt: timestamp("seeded_at", { withTimezone: true }).notNull().defaultNow(),
});

// Clinician studies (issue 12): raters take the scales and rate model answers blind; judges grade the same pairs.
export const studies = pgTable(
  "studies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    /** users.id of the researcher who made it (no foreign key: like the audit log, it outlives the account). */
    createdBy: text("created_by"),
    /** "en" | "zh-CN": the rater page's language. */
    language: text("language").notNull(),
    consentText: text("consent_text").notNull(),
    /** Bundled scale suite ids the raters take (e.g. "cami", "mica-4"). */
    scaleSuiteIds: jsonb("scale_suite_ids").$type<string[]>().notNull().default([]),
    /** Finished open-QA/dialogue runs on one suite whose answers are rated in pairs. */
    runIds: jsonb("run_ids").$type<string[]>().notNull().default([]),
    /** Scale option order shown to raters: published | reversed | shuffled. */
    optionOrder: text("option_order").notNull().default("published"),
    itemsPerRater: integer("items_per_rater").notNull(),
    /** At least 2, so agreement can be measured. */
    ratersPerPair: integer("raters_per_pair").notNull().default(2),
    deadline: timestamp("deadline", { withTimezone: true }),
    /** open | closed */
    status: text("status").notNull().default("open"),
    /** sha256 of the cohort link's token (a link that issues a personal link on first open); null = none. */
    cohortTokenHash: text("cohort_token_hash").unique(),
    cohortRevokedAt: timestamp("cohort_revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("studies_created_idx").on(t.createdAt),
    check("studies_raters_per_pair_check", sql`${t.ratersPerPair} >= 2`),
  ],
);

export const raters = pgTable(
  "raters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studyId: uuid("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    /** sha256 of a >= 128-bit base64url token; the token is shown once (personal) or set as the rater's link. */
    tokenHash: text("token_hash").notNull().unique(),
    /** personal | cohort-issued */
    kind: text("kind").notNull(),
    label: text("label"),
    /** Optional, nothing identifying: role, specialty, years in practice. */
    profile: jsonb("profile").$type<Record<string, unknown>>(),
    consentedAt: timestamp("consented_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  },
  (t) => [index("raters_study_idx").on(t.studyId)],
);

export const raterTasks = pgTable(
  "rater_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    raterId: uuid("rater_id")
      .notNull()
      .references(() => raters.id, { onDelete: "cascade" }),
    studyId: uuid("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    /** Position in the rater's sequence (0-based): scale items first, then pairs. */
    ordinal: integer("ordinal").notNull(),
    /** scale_item | pair */
    kind: text("kind").notNull(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => suiteItems.id, { onDelete: "cascade" }),
    runAId: uuid("run_a_id").references(() => runs.id, { onDelete: "cascade" }),
    runBId: uuid("run_b_id").references(() => runs.id, { onDelete: "cascade" }),
    /** Which of the two runs is shown on the left (as answer A); the other is on the right. */
    leftRunId: uuid("left_run_id").references(() => runs.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("rater_tasks_rater_ordinal_key").on(t.raterId, t.ordinal),
    index("rater_tasks_study_idx").on(t.studyId),
  ],
);

/** A rater's scale answers: one per (rater, scale item). */
export const raterResponses = pgTable(
  "rater_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    raterId: uuid("rater_id")
      .notNull()
      .references(() => raters.id, { onDelete: "cascade" }),
    taskId: uuid("task_id")
      .notNull()
      .references(() => raterTasks.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => suiteItems.id, { onDelete: "cascade" }),
    /** Agreement value a (1 = strongly disagree … k = strongly agree), as models' sheets record it. */
    value: integer("value").notNull(),
    /** Shown position of the chosen option (0-based) in the study's option order. */
    letterPosition: integer("letter_position"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rater_responses_rater_item_key").on(t.raterId, t.itemId)],
);

/** Pairwise and pointwise judgements, by raters (in a study) or by judge models. */
export const judgements = pgTable(
  "judgements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studyId: uuid("study_id").references(() => studies.id, { onDelete: "cascade" }),
    /** rater | judge */
    source: text("source").notNull(),
    raterId: uuid("rater_id").references(() => raters.id, { onDelete: "cascade" }),
    taskId: uuid("task_id").references(() => raterTasks.id, { onDelete: "cascade" }),
    judgeModelId: uuid("judge_model_id").references(() => models.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => suiteItems.id, { onDelete: "cascade" }),
    runAId: uuid("run_a_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    runBId: uuid("run_b_id").references(() => runs.id, { onDelete: "cascade" }),
    /** The run whose answer was shown on the left (as "A"). */
    leftRunId: uuid("left_run_id").references(() => runs.id, { onDelete: "cascade" }),
    /** a = runA preferred, b = runB preferred, tie; null for a pointwise-only judgement. */
    choice: text("choice"),
    /** The run the 1–5 ratings are about (pointwise); null when no rating was given. */
    ratedRunId: uuid("rated_run_id").references(() => runs.id, { onDelete: "cascade" }),
    correctness: integer("correctness"),
    safety: integer("safety"),
    comment: text("comment"),
    /** A judge model's reply that could not be read as a verdict (kept, so the item is not judged again). */
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("judgements_rater_task_key").on(t.raterId, t.taskId),
    index("judgements_study_idx").on(t.studyId),
    index("judgements_item_idx").on(t.itemId),
    check("judgements_choice_check", sql`${t.choice} is null or ${t.choice} in ('a', 'b', 'tie')`),
    check("judgements_correctness_check", sql`${t.correctness} is null or ${t.correctness} between 1 and 5`),
    check("judgements_safety_check", sql`${t.safety} is null or ${t.safety} between 1 and 5`),
  ],
);

/**
 * Judge jobs in progress, so a server killed mid-job resumes it on start (lib/judges/jobs.ts). The key is the
 * job's settings (judge, mode, sorted runs): starting the same job again reuses its row.
 */
export const judgeJobs = pgTable(
  "judge_jobs",
  {
    key: text("key").primaryKey(),
    judgeModelId: uuid("judge_model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    /** pointwise | pairwise */
    mode: text("mode").notNull(),
    runIds: jsonb("run_ids").$type<string[]>().notNull(),
    maxItems: integer("max_items"),
    /** running | finished */
    status: text("status").notNull(),
    /** The process running it (processOwnerId), so a later process on the host can tell it died. */
    owner: text("owner").notNull(),
    /** The last JudgeOutcome, when finished. */
    outcome: jsonb("outcome"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("judge_jobs_status_check", sql`${t.status} in ('running', 'finished')`), index("judge_jobs_status_idx").on(t.status)],
);

/** A training corpus indexed for contamination checks; its fingerprints live on disk (lib/contamination). */
export const contaminationIndexes = pgTable(
  "contamination_indexes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Length of the character n-grams indexed. */
    n: integer("n").notNull(),
    documents: bigint("documents", { mode: "number" }).notNull(),
    /** Characters after normalisation. */
    characters: bigint("characters", { mode: "number" }).notNull(),
    fingerprints: bigint("fingerprints", { mode: "number" }).notNull(),
    /** Bytes of the corpus file read, and of the index on disk. */
    corpusBytes: bigint("corpus_bytes", { mode: "number" }).notNull(),
    indexBytes: bigint("index_bytes", { mode: "number" }).notNull(),
    /** building | ready | failed: an upload is indexed off the request thread; only a ready index is queried. */
    status: text("status").notNull().default("ready"),
    /** Why a build failed: refused (a bad corpus) | build (the builder's error) | unrecorded | abandoned. */
    errorKind: text("error_kind").$type<ContaminationFailure>(),
    /** The failure's detail where it has one (the corpus line at fault, or the builder's error). */
    error: text("error"),
    /** The process building it (`contam-<host>-<pid>-…`), so a restart can tell a dead build from a live one. */
    builder: text("builder"),
    createdAt: createdAt(),
  },
  (t) => [
    check("contamination_indexes_status_check", sql`${t.status} in ('building', 'ready', 'failed')`),
    check("contamination_indexes_error_kind_check", sql`${t.errorKind} in ('refused', 'build', 'unrecorded', 'abandoned')`),
  ],
);

/** "Measure this device": one in-browser benchmark of a model on a user's device (WebGPU or WASM). */
export const deviceBenchmarks = pgTable("device_benchmarks", {
  id: uuid("id").primaryKey().defaultRandom(),
  modelId: uuid("model_id").references(() => models.id, { onDelete: "set null" }),
  device: jsonb("device").$type<DeviceStats>().notNull(),
  createdAt: createdAt(),
});

export type Model = typeof models.$inferSelect;
export type NewModel = typeof models.$inferInsert;
export type Suite = typeof suites.$inferSelect;
export type SuiteItemRow = typeof suiteItems.$inferSelect;
export type Run = typeof runs.$inferSelect;
export type RunItem = typeof runItems.$inferSelect;
export type ReportedResult = typeof reportedResults.$inferSelect;
export type ShareLink = typeof shareLinks.$inferSelect;
export type LeaderboardPin = typeof leaderboardPins.$inferSelect;
export type User = typeof users.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type Study = typeof studies.$inferSelect;
export type Rater = typeof raters.$inferSelect;
export type RaterTask = typeof raterTasks.$inferSelect;
export type RaterResponse = typeof raterResponses.$inferSelect;
export type Judgement = typeof judgements.$inferSelect;

/**
 * A comparison's summary (paired tests over every item, agreement, distributions) as computed once: finished
 * runs do not change until re-run, so the key (locale, then each run's id, status and finish time) names
 * exactly the numbers stored. Text, not jsonb, so the object's key order (the order metrics are shown) survives.
 */
export const comparisonSummaries = pgTable("comparison_summaries", {
  key: text("key").primaryKey(),
  /** The first compared run: deleting it drops the summary (the key names every run). */
  runId: uuid("run_id")
    .notNull()
    .references(() => runs.id, { onDelete: "cascade" }),
  data: text("data").notNull(),
  createdAt: createdAt(),
});

export type ContaminationIndex = typeof contaminationIndexes.$inferSelect;

/**
 * A checkpoint is itself a model row (so runs, leaderboard and comparisons treat it as any model), tied here to
 * the model whose series it belongs to, with its training step and stage.
 */
export const checkpoints = pgTable(
  "checkpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seriesModelId: uuid("series_model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    step: integer("step").notNull(),
    /** pretrain | sft | rlhf | other */
    stage: text("stage").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("checkpoints_model_key").on(t.modelId),
    uniqueIndex("checkpoints_series_name_key").on(t.seriesModelId, t.name),
    index("checkpoints_series_step_idx").on(t.seriesModelId, t.step),
    check("checkpoints_stage_check", sql`${t.stage} in ('pretrain', 'sft', 'rlhf', 'other')`),
  ],
);
export type Checkpoint = typeof checkpoints.$inferSelect;

export type TrainingLogPoint = { step: number; values: Record<string, number> };

/** An imported training log (trainer_state.json, CSV or JSONL): its curves by step, drawn beside a series. */
export const trainingLogs = pgTable(
  "training_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seriesModelId: uuid("series_model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** trainer_state | csv | jsonl */
    format: text("format").notNull(),
    metrics: jsonb("metrics").$type<string[]>().notNull(),
    points: jsonb("points").$type<TrainingLogPoint[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("training_logs_series_idx").on(t.seriesModelId)],
);
export type TrainingLog = typeof trainingLogs.$inferSelect;

/** base -> continued pre-training -> SFT -> RLHF, any subset and any names: its stages in order. */
export const lineages = pgTable(
  "lineages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("lineages_name_key").on(t.name)],
);
export type Lineage = typeof lineages.$inferSelect;

export const lineageStages = pgTable(
  "lineage_stages",
  {
    lineageId: uuid("lineage_id")
      .notNull()
      .references(() => lineages.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    /** A model or a checkpoint's model row. */
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.lineageId, t.position] }), index("lineage_stages_model_idx").on(t.modelId)],
);
export type LineageStage = typeof lineageStages.$inferSelect;
