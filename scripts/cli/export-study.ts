// `npm run export -- --study <id> --format trl|llamafactory|ratings`: a study's preference tuples or ratings as
// JSONL on stdout (ties, revoked raters and flagged response sets left out unless switched on).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type Database, type Db, openSharedDatabase } from "@/lib/db/client";
import { errorSummary } from "@/lib/db/errors";
import { migrateDatabase } from "@/lib/db/migrate";
import { getStudy } from "@/lib/db/queries/studies";
import { toJsonl } from "@/lib/studies/export";
import { loadStudyExport } from "@/lib/studies/export-data";
import { exportFormatIds, type StudyExportFormat } from "@/lib/studies/export-schema";
import { CliError } from "./usage";

export const exportStudyUsage = `usage: npm run export -- --study <id> --format trl|llamafactory|ratings [options]
  --include-ties           keep tied pairs (marked "tie": true in metadata; no preference to learn)
  --include-revoked        keep the answers of revoked raters
  --include-flagged        keep raters flagged for a response set
  --dataset-info <file>    (llamafactory) also write LLaMA-Factory's dataset_info.json entry to <file>`;

export interface ExportStudyOptions {
  studyId: string;
  format: StudyExportFormat;
  includeTies: boolean;
  includeRevoked: boolean;
  includeFlagged: boolean;
  datasetInfo: string | null;
}

export function parseExportStudyArgs(argv: string[]): ExportStudyOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      study: { type: "string" },
      format: { type: "string" },
      "include-ties": { type: "boolean", default: false },
      "include-revoked": { type: "boolean", default: false },
      "include-flagged": { type: "boolean", default: false },
      "dataset-info": { type: "string" },
    },
  });
  if (!values.study) throw new CliError("--study <id> is required");
  const format = values.format as StudyExportFormat;
  if (!exportFormatIds.includes(format)) throw new CliError(`--format must be one of ${exportFormatIds.join(", ")}`);
  if (values["dataset-info"] && format !== "llamafactory") throw new CliError("--dataset-info goes with --format llamafactory");
  return {
    studyId: values.study,
    format,
    includeTies: values["include-ties"],
    includeRevoked: values["include-revoked"],
    includeFlagged: values["include-flagged"],
    datasetInfo: values["dataset-info"] ?? null,
  };
}

/** Writes the export to `write`; answers how many lines. */
export async function exportStudy(db: Db, options: ExportStudyOptions, write: (chunk: string) => void): Promise<number> {
  const study = await getStudy(db, { id: options.studyId });
  if (!study) throw new CliError(`no study with id ${options.studyId}`);
  const exported = await loadStudyExport(db, study, options.format, options);
  write(toJsonl(exported.lines));
  if (options.datasetInfo && exported.datasetInfo) {
    writeFileSync(options.datasetInfo, `${JSON.stringify(exported.datasetInfo, null, 2)}\n`);
  }
  return exported.lines.length;
}

/** The command line for `--study`: exit code 0 on success, 2 on a usage error, 1 otherwise. */
export async function exportStudyCli(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${exportStudyUsage}\n`);
    return 0;
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
