import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./client";

const migrationsFolder = path.join(process.cwd(), "drizzle");

export async function migrateDatabase(database: Database): Promise<void> {
  // Both migrators read the same drizzle-kit output; each needs its own driver's database type.
  if (database.engine === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePostgres(database.db as never, { migrationsFolder });
  }
}
