import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  engine: "postgres" | "pglite";
  close(): Promise<void>;
}

export interface DatabaseTarget {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory; "memory://" for a throwaway in-memory database. */
  pgliteDir?: string;
}

export function openDatabase({ url, pgliteDir = ".data/pglite" }: DatabaseTarget): Database {
  if (url) {
    // postgres.js speaks text protocol; keep numerics as JS numbers for aggregates.
    const client = postgres(url, { max: 10, onnotice: () => {} });
    return {
      db: drizzlePostgres({ client, schema }) as unknown as Db,
      engine: "postgres",
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (!pgliteDir.startsWith("memory://")) mkdirSync(pgliteDir, { recursive: true });
  const client = new PGlite(pgliteDir);
  return {
    db: drizzlePglite({ client, schema }) as unknown as Db,
    engine: "pglite",
    close: () => client.close(),
  };
}

// One database per server process, kept across hot reloads (PGlite admits a single owner of its directory).
const globalForDb = globalThis as unknown as { chimedDatabase?: Database };

export function appDatabase(): Database {
  globalForDb.chimedDatabase ??= openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  return globalForDb.chimedDatabase;
}
