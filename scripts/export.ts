// `npm run export -- --study <id> ...`: exports to stdout. Dispatches on the first selector flag.
import { type Database, openSharedDatabase } from "@/lib/db/client";
import { errorSummary } from "@/lib/db/errors";
import { migrateDatabase } from "@/lib/db/migrate";
import { exportStudy, exportStudyUsage, parseExportStudyArgs } from "./cli/export-study";
import { CliError } from "./cli/usage";

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h") || !argv.includes("--study")) {
    process.stdout.write(`${exportStudyUsage}\n`);
    return argv.includes("--study") || argv.includes("--help") || argv.includes("-h") ? 0 : 2;
  }
  let database: Database | null = null;
  try {
    const options = parseExportStudyArgs(argv);
    database = await openSharedDatabase();
    await migrateDatabase(database);
    const lines = await exportStudy(database.db, options, (chunk) => process.stdout.write(chunk));
    process.stderr.write(`${lines} lines\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof CliError ? error.message : errorSummary(error)}\n`);
    return error instanceof CliError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? 2 : 1;
  } finally {
    await database?.close();
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
