import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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

type Localized = { en: string; zh: string };
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
  taskKind: text("task_kind").notNull(),
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
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
    configHash: text("config_hash").notNull(),
    /** A researcher's own name for the run. */
    label: text("label"),
    /** queued | running | completed | completed_with_errors | cancelled | failed */
    status: text("status").notNull().default("queued"),
    total: integer("total").notNull().default(0),
    /** Distinct suite items queued, and the suite's test items when the run was created: coverage. */
    itemCount: integer("item_count"),
    suiteItemCount: integer("suite_item_count"),
    metrics: jsonb("metrics").$type<Record<string, number>>(),
    ci: jsonb("ci").$type<Record<string, [number, number]>>(),
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    error: text("error"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("runs_suite_idx").on(t.suiteId), index("runs_model_idx").on(t.modelId)],
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

export const shareLinks = pgTable(
  "share_links",
  {
    /** Random, >= 128 bits, base64url. */
    token: text("token").primaryKey(),
    /** run | audit | comparison | leaderboard */
    kind: text("kind").notNull(),
    target: jsonb("target").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("share_links_kind_idx").on(t.kind)],
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
