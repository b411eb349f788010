import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { freePort } from "@/lib/free-port";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, it } from "vitest";
import { type Database, openDatabase, openNodePostgres, openSharedDatabase } from "./client";
import { passwordFile } from "./embedded";
import { migrateDatabase } from "./migrate";
import { copyPgliteDirTemplate, pgliteDump, postgresTemplate } from "./test-templates";

/** A throwaway, migrated database for tests; `dispose` removes every trace of it. */
export interface TestDatabase extends Database {
  /** Connection URL for a second postgres.js client (PostgreSQL only). */
  url?: string;
  /** Where this database answers over the wire (PostgreSQL, and the embedded database's wire server). */
  wireUrl?: string;
  /** A second client of this database at `wireUrl`, or at another address that leads to it (a proxy). */
  connect?(url: string): Database;
  dispose(): Promise<void>;
}

export interface TestEngine {
  name: "pglite" | "pglite-wire" | "postgres";
  open(): Promise<TestDatabase>;
}

/** PostgreSQL server for database tests: TEST_DATABASE_URL, else DATABASE_URL; unset runs PGlite only. */
export function testPostgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/**
 * The engines a database test file runs on (`describe.each(testEngines())`), at collection time: by default the
 * two the app runs on, the embedded PGlite over the wire (what the server, the CLI and workers open) and
 * PostgreSQL. PGlite in this process is the cheapest database for a test that needs one but tests no engine,
 * and is asked for by name. Without a PostgreSQL URL the file also gets a skipped test named after the missing
 * variable, so a run without PostgreSQL says so in its skipped count instead of silently testing less.
 */
export function testEngines({ only }: { only?: TestEngine["name"][] } = {}): TestEngine[] {
  const listed = envEngines();
  const chosen = only ?? listed ?? ["pglite-wire", "postgres"];
  const wanted = (name: TestEngine["name"]) => chosen.includes(name) && (!listed || listed.includes(name));
  const engines: TestEngine[] = [];
  if (wanted("pglite")) engines.push({ name: "pglite", open: openTestPglite });
  if (wanted("pglite-wire")) engines.push({ name: "pglite-wire", open: openTestEmbedded });
  const url = testPostgresUrl();
  if (!wanted("postgres")) return engines;
  if (url) engines.push({ name: "postgres", open: () => openTestPostgres(url) });
  else reportSkippedPostgres();
  return engines;
}

/**
 * CHIMED_TEST_ENGINES (comma-separated engine names) replaces the default engines and narrows a file's `only`.
 * `npm run mutation` sets it to `pglite`: a mutant is then judged on the in-process database alone, since running
 * each of thousands of mutants on every engine takes hours here. A mutant only PostgreSQL could catch survives.
 */
function envEngines(): TestEngine["name"][] | undefined {
  const listed = process.env.CHIMED_TEST_ENGINES?.split(",").map((s) => s.trim()).filter(Boolean);
  return listed?.length ? (listed as TestEngine["name"][]) : undefined;
}

function reportSkippedPostgres() {
  describe.skip("on postgres: TEST_DATABASE_URL (or DATABASE_URL) is not set", () => {
    it("this file's database tests on PostgreSQL", () => {});
  });
}

async function openTestPglite(): Promise<TestDatabase> {
  const database = openDatabase({ pgliteDir: "memory://", pgliteDump: await pgliteDump() });
  await migrateDatabase(database);
  return { ...database, dispose: database.close };
}

/** The embedded database as the app runs it: served on loopback by its owner, reached through postgres.js. */
async function openTestEmbedded(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "chimed-test-"));
  await copyPgliteDirTemplate(path.join(dir, "pglite"));
  const port = await freePort();
  const database = await openSharedDatabase({ pgliteDir: path.join(dir, "pglite"), pglitePort: port });
  await migrateDatabase(database);
  return {
    ...database,
    wireUrl: `postgres://postgres:${encodeURIComponent(readFileSync(passwordFile(path.join(dir, "pglite")), "utf8").trim())}@127.0.0.1:${port}/postgres`,
    connect: (url) => openNodePostgres(url, "pglite"),
    async dispose() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}


/** Creates a fresh database on the server so parallel test files never see each other's rows. */
async function openTestPostgres(serverUrl: string): Promise<TestDatabase> {
  const name = `chimed_test_${randomBytes(6).toString("hex")}`;
  const template = await postgresTemplate(serverUrl);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  return {
    ...database,
    url: url.toString(),
    wireUrl: url.toString(),
    connect: (other) => openDatabase({ url: other }),
    async dispose() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
