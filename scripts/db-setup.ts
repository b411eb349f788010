// Applies migrations and imports the bundled data, then exits (the server does the same at boot).
import { openSharedDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { seedBundledData } from "@/lib/suite-store/seed";

const database = await openSharedDatabase();
try {
  await migrateDatabase(database);
  const report = await seedBundledData(database.db, { dataDir: env.DATA_DIR });
  for (const suite of report.suites) console.log(`${suite.id}: ${suite.result}`);
  console.log(`reported results: ${report.reportedResults}`);
} finally {
  await database.close();
}
