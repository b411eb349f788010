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
  /** A model answer whose body passes this many bytes is cut off and recorded as an error. */
  CHIMED_MAX_ANSWER_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(4 * 1024 * 1024)),
  /** Suite uploads larger than this many bytes are refused (413) while they stream in. */
  CHIMED_MAX_UPLOAD_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(50 * 1024 * 1024)),
});

export type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env = readEnv();

export function disabledSuiteIds(): Set<string> {
  return new Set(
    env.DISABLED_SUITES.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
