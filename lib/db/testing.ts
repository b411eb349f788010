import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase } from "./client";
import { migrateDatabase } from "./migrate";

/** A throwaway, migrated database for tests; `dispose` removes every trace of it. */
export interface TestDatabase extends Database {
  dispose(): Promise<void>;
}

export interface TestEngine {
  name: "pglite" | "postgres";
  open(): Promise<TestDatabase>;
}

/** PostgreSQL server for database tests: TEST_DATABASE_URL, else DATABASE_URL; unset runs PGlite only. */
export function testPostgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [{ name: "pglite", open: openTestPglite }];
  const url = testPostgresUrl();
  if (url) engines.push({ name: "postgres", open: () => openTestPostgres(url) });
  return engines;
}

async function openTestPglite(): Promise<TestDatabase> {
  const database = openDatabase({ pgliteDir: "memory://" });
  await migrateDatabase(database);
  return { ...database, dispose: database.close };
}

/** Creates a fresh database on the server so parallel test files never see each other's rows. */
async function openTestPostgres(serverUrl: string): Promise<TestDatabase> {
  const name = `chimed_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  return {
    ...database,
    async dispose() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
