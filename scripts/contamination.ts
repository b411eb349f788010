// `npm run contamination -- --corpus <file> [--name NAME] [--n 13] [--format jsonl|text] [--suite <id>] [--json]`:
// indexes a training corpus already on this machine (recorded like an upload), then, with --suite, reports which
// of the suite's items share an n-gram with it. `--index <id>` checks against an index built before.
import path from "node:path";
import { parseArgs } from "node:util";
import { corpusFormatOf, type CorpusFormat } from "@/lib/contamination/corpus-reader";
import { suiteContamination } from "@/lib/contamination/report";
import { DEFAULT_N, indexCorpusFile, requireReadyIndex } from "@/lib/contamination/store";
import { type Database, openSharedDatabase } from "@/lib/db/client";
import { errorSummary } from "@/lib/db/errors";
import { migrateDatabase } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { seedBundledDataIfChanged } from "@/lib/suite-store/seed";
import { CliError } from "./cli/usage";

const usage = `usage: npm run contamination -- (--corpus <file> [--name NAME] [--n ${DEFAULT_N}] [--format jsonl|text] | --index <id>) [--suite <id>] [--json]`;

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main(argv: string[]): Promise<number> {
  let database: Database | null = null;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        corpus: { type: "string" },
        index: { type: "string" },
        name: { type: "string" },
        n: { type: "string", default: String(DEFAULT_N) },
        format: { type: "string" },
        suite: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (!values.corpus === !values.index) throw new CliError("name a corpus file (--corpus) or an index built before (--index)");
    const n = Number(values.n);
    if (!Number.isInteger(n) || n < 4 || n > 64) throw new CliError("--n must be an integer from 4 to 64");
    if (values.format && values.format !== "jsonl" && values.format !== "text") throw new CliError("--format must be jsonl or text");
    database = await openSharedDatabase();
    await migrateDatabase(database);
    // A fresh database has no bundled suites until they are imported (as `npm run eval` does).
    await seedBundledDataIfChanged(database.db, { dataDir: env.DATA_DIR });
    let index;
    if (values.corpus) {
      const started = Date.now();
      const format = (values.format as CorpusFormat | undefined) ?? corpusFormatOf(values.corpus);
      index = await indexCorpusFile(database.db, { file: values.corpus, name: values.name ?? path.basename(values.corpus), n, format });
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(
        `indexed ${index.documents} documents, ${index.characters} characters, ${index.fingerprints} distinct ${n}-grams in ${seconds.toFixed(1)} s; index ${index.id} (${(index.indexBytes / 1e6).toFixed(1)} MB)\n`,
      );
    } else index = await requireReadyIndex(database.db, values.index!);
    if (!values.suite) {
      if (values.json) process.stdout.write(`${JSON.stringify({ index })}\n`);
      return 0;
    }
    const report = await suiteContamination(database.db, index, values.suite);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const lines = [
      `${report.suite.id} against ${report.index.name} (${report.index.n}-grams): ${report.items} test items`,
      `question matches:            ${report.questionMatches} (${percent(report.questionShare)})`,
      `question + answer matches:   ${report.questionAnswerMatches} (${percent(report.questionAnswerShare)})`,
      ...report.matches.slice(0, 20).map((m) => `  ${m.externalId}  ${m.matchedNgrams}/${m.ngrams}  ${m.span.slice(0, 60)}`),
      ...report.runs.map((r) => `run ${r.runId} ${r.model}: ${r.metric} ${r.all?.toFixed(4) ?? "-"} all, ${r.clean?.toFixed(4) ?? "-"} clean (${r.cleanItems} items)`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } catch (error) {
    const isUsage = error instanceof CliError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    const known = isUsage || error instanceof AppError;
    process.stderr.write(`error: ${known ? (error as Error).message : errorSummary(error)}${isUsage ? `\n${usage}` : ""}\n`);
    return isUsage ? 2 : 1;
  } finally {
    await database?.close().catch(() => {});
  }
}

process.exit(await main(process.argv.slice(2)));
