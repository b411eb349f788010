import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "./client";
import { migrateDatabase } from "./migrate";

/*
 * Migrated, empty databases that test databases are copied from. Starting a PGlite cluster (its initdb) and
 * migrating it took seconds per database test file and engine; a copy of one migrated cluster takes a fraction of
 * that. Templates are keyed by the migrations and the PGlite build, so a new migration makes new templates, and
 * they live in the system's temporary folder, shared by every test process of the run.
 */

const migrationsFolder = path.join(process.cwd(), "drizzle");
const PREFIX = "chimed-test-template-";

let cachedKey: string | undefined;
function templateKey(): string {
  if (cachedKey) return cachedKey;
  const hash = createHash("sha256");
  for (const name of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const file = path.join(migrationsFolder, name);
    if (name.endsWith(".sql") || name.endsWith(".json")) hash.update(name).update(readFileSync(file));
  }
  hash.update(readFileSync(path.join(process.cwd(), "node_modules/@electric-sql/pglite/package.json")));
  cachedKey = hash.digest("hex").slice(0, 16);
  return cachedKey;
}

/** Moves a finished template into place; a test process that got there first wins and ours is dropped. */
function publish(built: string, final: string) {
  try {
    renameSync(built, final);
  } catch {
    rmSync(built, { recursive: true, force: true });
  }
  if (!existsSync(final)) throw new Error(`could not publish the test database template ${final}`);
}

/**
 * Templates of other migrations are removed when a new one is made, so they do not pile up; only those a day old,
 * since another checkout of the project may be copying from one right now.
 */
function removeStale(kind: string, keep: string) {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(tmpdir())) {
    const file = path.join(tmpdir(), name);
    if (!name.startsWith(`${PREFIX}${kind}-`) || file === keep) continue;
    if (statSync(file).mtimeMs < dayAgo) rmSync(file, { recursive: true, force: true });
  }
}

/** A migrated in-memory PGlite cluster as `dumpDataDir` writes it. */
export async function pgliteDump(): Promise<Blob> {
  const final = path.join(tmpdir(), `${PREFIX}dump-${templateKey()}.tar`);
  if (!existsSync(final)) {
    const database = openDatabase({ pgliteDir: "memory://" });
    await migrateDatabase(database);
    const client = (database.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
    const dump = await client.dumpDataDir("none");
    await database.close();
    const built = `${final}.building-${randomBytes(4).toString("hex")}`;
    writeFileSync(built, Buffer.from(await dump.arrayBuffer()));
    publish(built, final);
    removeStale("dump", final);
  }
  return new Blob([readFileSync(final)]);
}

/** Copies a migrated on-disk PGlite data directory to `dir` (which must not exist yet). */
export async function copyPgliteDirTemplate(dir: string): Promise<void> {
  const final = path.join(tmpdir(), `${PREFIX}dir-${templateKey()}`);
  if (!existsSync(final)) {
    const built = `${final}.building-${randomBytes(4).toString("hex")}`;
    const database = openDatabase({ pgliteDir: built });
    await migrateDatabase(database);
    await database.close();
    publish(built, final);
    removeStale("dir", final);
  }
  cpSync(final, dir, { recursive: true });
}

/**
 * The name of a migrated database on the PostgreSQL server at `serverUrl`, to `create database … template` from.
 * An advisory lock makes concurrent test processes build it once; it is only ever read afterwards.
 */
export async function postgresTemplate(serverUrl: string): Promise<string> {
  const name = `chimed_template_${templateKey()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(hashtext(${name}))`;
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) {
      const building = `${name}_building`;
      await admin.unsafe(`drop database if exists ${building} with (force)`);
      await admin.unsafe(`create database ${building}`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      const database = openDatabase({ url: url.toString() });
      await migrateDatabase(database);
      await database.close();
      // Templates of earlier migrations stay: another checkout may be cloning one; they are small and empty.
      await admin.unsafe(`alter database ${building} rename to ${name}`);
    }
    await admin`select pg_advisory_unlock(hashtext(${name}))`;
    return name;
  } finally {
    await admin.end({ timeout: 5 });
  }
}
