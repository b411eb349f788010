import { appDatabase, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { seedBundledDataIfChanged } from "@/lib/suite-store/seed";

const globalForReady = globalThis as unknown as { chimedReady?: Promise<Db> };

/** The app's database, migrated and holding the bundled data; prepared once per server process. */
export function getAppDb(): Promise<Db> {
  globalForReady.chimedReady ??= prepare().catch((error) => {
    globalForReady.chimedReady = undefined;
    throw error;
  });
  return globalForReady.chimedReady;
}

async function prepare(): Promise<Db> {
  const database = await appDatabase();
  await migrateDatabase(database);
  const report = await seedBundledDataIfChanged(database.db, { dataDir: env.DATA_DIR });
  const changed = (report?.suites ?? []).filter((s) => s.result !== "unchanged").map((s) => `${s.id} (${s.result})`);
  if (changed.length > 0) console.info(`[chimed] imported bundled suites: ${changed.join(", ")}`);
  return database.db;
}
