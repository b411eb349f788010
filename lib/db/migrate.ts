import path from "node:path";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./client";

const migrationsFolder = path.join(process.cwd(), "drizzle");

export async function migrateDatabase(database: Database): Promise<void> {
  // Both migrators read the same drizzle-kit output; each needs its own driver's database type.
  const migrators = { pglite: migratePglite, "node-postgres": migrateNodePostgres, "postgres-js": migratePostgres };
  await migrators[database.driver](database.db as never, { migrationsFolder });
}
