// `npm run import-run -- <file>`: imports an exported run (format chimed-run/1) and prints the new run's id.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { openSharedDatabase } from "@/lib/db/client";
import { errorSummary } from "@/lib/db/errors";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { importRunFile, parseRunFile } from "@/lib/export/run-import";
import { seedBundledDataIfChanged } from "@/lib/suite-store/seed";

async function main(argv: string[]): Promise<number> {
  const [file, ...rest] = argv;
  if (!file || rest.length > 0 || file.startsWith("-")) {
    process.stderr.write("usage: npm run import-run -- <exported-run.json>\n");
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    process.stderr.write(`error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? errorSummary(error)}\n`);
    return 1;
  }
  const database = await openSharedDatabase();
  try {
    await migrateDatabase(database);
    await seedBundledDataIfChanged(database.db, { dataDir: env.DATA_DIR });
    const { runId } = await importRunFile(database.db, parseRunFile(text), { fileName: basename(file) });
    process.stdout.write(`${runId}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof AppError ? error.message : errorSummary(error)}\n`);
    return 1;
  } finally {
    await database.close().catch(() => {});
  }
}

process.exit(await main(process.argv.slice(2)));
