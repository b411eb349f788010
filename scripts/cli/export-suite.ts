// `npm run export -- --suite <id> --format trl|llamafactory [--split test|dev|all] [--out DIR]`: a suite as
// training data. Without --out the JSONL goes to stdout; with it, DIR/<suite>.jsonl (and, for llamafactory,
// DIR/dataset_info.json beside it).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Database, openSharedDatabase } from "@/lib/db/client";
import { errorSummary } from "@/lib/db/errors";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { seedBundledDataIfChanged } from "@/lib/suite-store/seed";
import { type ExportSplit, exportSuiteForTraining } from "@/lib/export/suite-training";
import { type TrainerFormat, trainerFormats } from "@/lib/export/trainer-lines";
import { CliError } from "./usage";
import { writeChunks } from "./write-chunks";

export const exportSuiteUsage = "usage: npm run export -- --suite <id> --format trl|llamafactory [--split test|dev|all] [--out DIR]";

export async function exportSuiteCli(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${exportSuiteUsage}\n`);
    return 0;
  }
  let database: Database | null = null;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: { suite: { type: "string" }, format: { type: "string" }, split: { type: "string", default: "all" }, out: { type: "string" } },
    });
    const format = values.format as TrainerFormat;
    if (!values.suite) throw new CliError("--suite <id> is required");
    if (!trainerFormats.includes(format)) throw new CliError(`--format must be one of ${trainerFormats.join(", ")}`);
    if (!["test", "dev", "all"].includes(values.split)) throw new CliError("--split must be test, dev or all");
    database = await openSharedDatabase();
    await migrateDatabase(database);
    // A fresh database has no bundled suites until they are imported (as `npm run eval` does).
    await seedBundledDataIfChanged(database.db, { dataDir: env.DATA_DIR });
    const exported = await exportSuiteForTraining(database.db, { suiteId: values.suite, format, split: values.split as ExportSplit });
    if (!values.out) {
      await writeChunks(exported.lines, undefined);
      return 0;
    }
    mkdirSync(values.out, { recursive: true });
    await writeChunks(exported.lines, path.join(values.out, exported.fileName));
    if (exported.datasetInfo) writeFileSync(path.join(values.out, "dataset_info.json"), `${JSON.stringify(exported.datasetInfo, null, 2)}\n`);
    process.stderr.write(`wrote ${path.join(values.out, exported.fileName)}${exported.datasetInfo ? " and dataset_info.json" : ""} (${exported.shape})\n`);
    return 0;
  } catch (error) {
    const usage = error instanceof CliError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION";
    const message = error instanceof CliError || error instanceof AppError || usage ? (error as Error).message : errorSummary(error);
    process.stderr.write(`error: ${message}${usage ? `\n${exportSuiteUsage}` : ""}\n`);
    return usage ? 2 : 1;
  } finally {
    await database?.close();
  }
}
