import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import pg from "pg";
import postgres from "postgres";
import { env } from "@/lib/env";
import { connectEmbedded, embeddedOwnerAlive } from "./embedded";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  /** The database server: a real PostgreSQL, or PGlite (embedded PostgreSQL). */
  engine: "postgres" | "pglite";
  /** How this process talks to it: over the wire (postgres.js, node-postgres), or PGlite in this process. */
  driver: "postgres-js" | "node-postgres" | "pglite";
  close(): Promise<void>;
}

export interface DatabaseTarget {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; "memory://" for a throwaway in-memory database. */
  pgliteDir?: string;
  /** PostgreSQL: overrides CHIMED_STATEMENT_TIMEOUT_MS. */
  statementTimeoutMs?: number;
  /** PGlite: a data directory dumped by `dumpDataDir` to start from instead of an empty cluster. */
  pgliteDump?: Blob;
}

/** A direct connection: postgres.js to a server, or PGlite in this process (tests, one-off scripts). */
export function openDatabase({ url, pgliteDir = ".data/pglite", statementTimeoutMs, pgliteDump }: DatabaseTarget): Database {
  if (url) return openPostgres(url, "postgres", statementTimeoutMs);
  if (!pgliteDir.startsWith("memory://")) mkdirSync(pgliteDir, { recursive: true });
  const client = new PGlite(pgliteDir, pgliteDump ? { loadDataDir: pgliteDump } : {});
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    engine: "pglite",
    driver: "pglite",
    close: () => client.close(),
  };
}

function openPostgres(url: string, engine: Database["engine"], statementTimeoutMs = env.CHIMED_STATEMENT_TIMEOUT_MS): Database {
  // Startup parameters: the embedded database's wire server takes none, so only a real server gets them.
  const connection =
    engine === "postgres"
      ? { statement_timeout: statementTimeoutMs, idle_in_transaction_session_timeout: statementTimeoutMs }
      : undefined;
  const client = postgres(url, { max: 10, onnotice: () => {}, ...(connection ? { connection } : {}) });
  return {
    db: drizzlePostgres({ client, schema }) as unknown as Db,
    engine,
    driver: "postgres-js",
    close: () => client.end({ timeout: 5 }),
  };
}

/** A node-postgres pool to a database server, e.g. the embedded database's wire server (or a proxy in front of it). */
export function openNodePostgres(url: string, engine: Database["engine"]): Database {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on("error", () => {});
  return {
    db: drizzleNodePostgres({ client: pool, schema }) as unknown as Db,
    engine,
    driver: "node-postgres",
    close: () => pool.end(),
  };
}

/**
 * The database of a long-lived process (the app, the CLI, a worker): PostgreSQL when DATABASE_URL is set,
 * otherwise the embedded PGlite shared between processes over loopback (see embedded.ts).
 */
export async function openSharedDatabase(
  target: { url?: string; pgliteDir: string; pglitePort: number } = {
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    pglitePort: env.PGLITE_PORT,
  },
): Promise<Database> {
  if (target.url) return openPostgres(target.url, "postgres");
  const where = { dataDir: target.pgliteDir, port: target.pglitePort };
  let server = await connectEmbedded(where);
  // When the owner exits (a CLI run that started first), a surviving process takes the directory over on the
  // same port, so its pool reconnects without noticing more than a failed query.
  const watchdog = setInterval(() => {
    if (server.owner || embeddedOwnerAlive(where.dataDir)) return;
    connectEmbedded(where)
      .then((next) => {
        server = next;
      })
      .catch(() => {});
  }, 1000);
  watchdog.unref();
  // node-postgres sends each query with its Sync in one go, which the embedded wire server needs.
  const client = openNodePostgres(server.url, "pglite");
  return {
    ...client,
    async close() {
      clearInterval(watchdog);
      await client.close();
      await server.close();
    },
  };
}

// One database per server process, kept across hot reloads.
const globalForDb = globalThis as unknown as { chimedDatabase?: Promise<Database> };

export function appDatabase(): Promise<Database> {
  globalForDb.chimedDatabase ??= openSharedDatabase();
  return globalForDb.chimedDatabase;
}
