// `npm run export -- --run <id> --format json|csv|jsonl [--out FILE]`: an export to stdout (or FILE).
// `npm run export -- --study <id> --format trl|llamafactory|ratings [...]`: a study's training data (export-study.ts).
// `npm run export -- --suite <id> --format trl|llamafactory [--out DIR]`: a suite as training data (export-suite.ts).
import { parseArgs } from "node:util";
import { openSharedDatabase } from "@/lib/db/client";
import { errorSummary } from "@/lib/db/errors";
import { migrateDatabase } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { type ExportFormat, exportFormats } from "@/lib/export/download";
import { exportStudyCli } from "./cli/export-study";
import { exportSuiteCli } from "./cli/export-suite";
import { exportTargets } from "./cli/export-targets";
import { writeChunks } from "./cli/write-chunks";

const kinds = Object.keys(exportTargets);
const usage = `usage: npm run export -- (${kinds.map((k) => `--${k} <id>`).join(" | ")}) --format json|csv|jsonl [--out FILE]\n       npm run export -- --study <id> --format trl|llamafactory|ratings (--help with --study for its switches)\n       npm run export -- --suite <id> --format trl|llamafactory [--split test|dev|all] [--out DIR]`;

async function main(argv: string[]): Promise<number> {
  // A study has its own formats and switches.
  if (argv.includes("--study")) return exportStudyCli(argv);
  if (argv.includes("--suite")) return exportSuiteCli(argv);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: { ...Object.fromEntries(kinds.map((k) => [k, { type: "string" as const }])), format: { type: "string" }, out: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const chosen = kinds.filter((k) => typeof values[k] === "string");
  const format = (values.format ?? "json") as string;
  if (chosen.length !== 1 || !(format in exportFormats)) {
    process.stderr.write(`error: name exactly one thing to export and a format (json, csv or jsonl)\n${usage}\n`);
    return 2;
  }
  const database = await openSharedDatabase();
  try {
    await migrateDatabase(database);
    const chunks = await exportTargets[chosen[0]](database.db, { id: values[chosen[0]] as string, format: format as ExportFormat });
    await writeChunks(chunks, values.out as string | undefined);
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error instanceof AppError ? error.message : errorSummary(error)}\n`);
    return 1;
  } finally {
    await database.close().catch(() => {});
  }
}

process.exit(await main(process.argv.slice(2)));
