import { z } from "zod";

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL URL; unset or empty selects the embedded PGlite database. */
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Data directory of the embedded database. */
  PGLITE_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data/pglite")),
  /** Loopback port on which the process that owns the embedded database serves it to the others. */
  PGLITE_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Seals API keys typed into the UI (AES-256-GCM); without it only keys named by env variable work. */
  CHIMED_SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().min(16).optional()),
  /** Folder the bundled datasets are read from on first start. */
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("data")),
  /** Comma-separated suite ids a deployment turns off (e.g. "mica4" where its licence is not granted). */
  DISABLED_SUITES: z.preprocess(emptyAsUndefined, z.string().default("")),
  /** Extra environment variables models may name as `apiKeyEnv` (comma-separated), beyond names ending in _API_KEY. */
  CHIMED_KEY_ENV_ALLOW: z.preprocess(emptyAsUndefined, z.string().default("")),
  /** When set, the only hosts (comma-separated, `*.` prefix for subdomains) the server may send model requests to. */
  CHIMED_OUTBOUND_ALLOW: z.preprocess(emptyAsUndefined, z.string().default("")),
  /** Largest concurrency a model or run may ask for (simultaneous requests to one model server). */
  CHIMED_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(100_000).default(64),
  /** Largest number of requests (items × samples) one run may queue. */
  CHIMED_MAX_RUN_ITEMS: z.coerce.number().int().min(1).max(100_000_000).default(100_000),
  /** Folder the `onnx-local` models are registered from: a model's folder must lie inside it. */
  CHIMED_ONNX_DIR: z.preprocess(emptyAsUndefined, z.string().default("models")),
  /** Address `npm start` listens on; loopback (the default) with no account is single-user mode. */
  HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  /** Public URL of the app behind a reverse proxy (https:// marks session cookies Secure); else each request's. */
  CHIMED_PUBLIC_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Signs session cookies; unset: a secret generated once and kept in the database (app_secrets). */
  CHIMED_AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
  /** A model answer whose body passes this many bytes is cut off and recorded as an error. */
  CHIMED_MAX_ANSWER_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(4 * 1024 * 1024)),
  /** Suite uploads larger than this many bytes are refused (413) while they stream in. */
  CHIMED_MAX_UPLOAD_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(50 * 1024 * 1024)),
  /**
   * PostgreSQL only: a statement running longer than this is cancelled by the server (SQLSTATE 57014), and a
   * session idle inside a transaction that long is ended, so a stuck query cannot hold a connection forever.
   */
  CHIMED_STATEMENT_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(86_400_000).default(300_000)),
});

/** Every variable this file reads: the app's own settings, which a model may never name as its key. */
export const appSettingNames: readonly string[] = Object.keys(envSchema.shape);

export type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env = readEnv();

export function commaList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function disabledSuiteIds(): Set<string> {
  return new Set(commaList(env.DISABLED_SUITES));
}
