// `npm run eval`: creates (or resumes) a run and works on it in this process, with a progress bar on stderr.
import { z } from "zod";
import { type Database, type Db, openSharedDatabase } from "@/lib/db/client";
import { describeDatabase } from "@/lib/db/describe";
import { migrateDatabase } from "@/lib/db/migrate";
import { getRun } from "@/lib/db/queries/runs";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { processOwnerId } from "@/lib/runner/owners";
import { createCliRun, prepareResume } from "@/lib/runner/cli-run";
import { cancelRun } from "@/lib/runner/control";
import { isFinishedStatus } from "@/lib/runner/coverage";
import type { ExecuteOutcome } from "@/lib/runner/execute-run";
import { getRunView } from "@/lib/runner/run-view";
import { seedBundledDataIfChanged } from "@/lib/suite-store/seed";
import { type EvalOptions, parseEvalArgs } from "./cli/args";
import { followRun } from "./cli/follow";
import { createProgressReporter } from "./cli/progress";
import { evalResult, formatResults } from "./cli/results";
import { handleStopSignals } from "./cli/stop-signals";
import { CliError, evalUsage } from "./cli/usage";
import { errorSummary } from "@/lib/db/errors";
import { allowKeyEnvInThisProcess, isAppSetting } from "@/lib/models/key-env";
import { allowAbsoluteOnnxDirsInThisProcess } from "@/lib/providers/onnx-dir";

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  let options: EvalOptions;
  try {
    options = parseEvalArgs(argv);
  } catch (error) {
    return fail(error);
  }
  if (options.help) {
    process.stdout.write(`${evalUsage}\n`);
    return 0;
  }
  const keyVar = options.target?.kind === "openai" ? options.target.apiKeyEnv : undefined;
  if (keyVar && isAppSetting(keyVar)) return fail(new CliError(`--api-key-env ${keyVar}: a setting of this app is never sent to a model server`));
  if (keyVar && !process.env[keyVar]) return fail(new CliError(`--api-key-env ${keyVar}: that environment variable is not set`));
  // The command line's user owns this environment: the variable they name is allowed for this process.
  if (keyVar) allowKeyEnvInThisProcess(keyVar);
  // Likewise the ONNX model folders they name, wherever they are (the app runs only folders under CHIMED_ONNX_DIR).
  allowAbsoluteOnnxDirsInThisProcess();
  if (options.ignored.length > 0) log(`note: a resumed run keeps its frozen settings; ignoring ${options.ignored.join(", ")}`);

  const stopper = handleStopSignals({
    log,
    onStop: (signal) => log(`\n${signal}: stopping, handing leases back (press again to quit at once)`),
  });

  let database: Database | null = null;
  let runId: string | null = null;
  try {
    log(`database: ${describeDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, pglitePort: env.PGLITE_PORT })}`);
    database = await openSharedDatabase();
    await migrateDatabase(database);
    await seedBundledDataIfChanged(database.db, { dataDir: env.DATA_DIR });
    if (stopper.signal.aborted) return stopper.exitCode();
    const { db } = database;
    const run = options.resume
      ? await prepareResume(db, { runId: options.resume, suiteId: options.suite })
      : await createCliRun(db, {
          suiteId: options.suite!,
          target: options.target!,
          settings: options.settings,
          scaleFlags: options.scaleFlags,
          label: options.label,
        });
    runId = run.id;
    log(`run ${run.id}`);
    const started = performance.now();
    const outcome: ExecuteOutcome =
      isFinishedStatus(run.status)
        ? "completed"
        : await followRun({
            db,
            runId: run.id,
            owner: processOwnerId("cli"),
            secretKey: env.CHIMED_SECRET_KEY,
            signal: stopper.signal,
            reporter: createProgressReporter(process.stderr, { lineEveryMs: 3000 }),
            pollMs: process.stderr.isTTY ? 200 : 1000,
          });
    return await report(db, run.id, outcome, { durationMs: performance.now() - started, json: options.json, exitOnStop: stopper.exitCode() });
  } catch (error) {
    const code = fail(error);
    if (runId) log(`the run keeps its finished items; resume with: npm run eval -- --resume ${runId}`);
    return code;
  } finally {
    await database?.close().catch(() => {});
  }
}

async function report(
  db: Db,
  runId: string,
  outcome: ExecuteOutcome,
  { durationMs, json, exitOnStop }: { durationMs: number; json: boolean; exitOnStop: number },
): Promise<number> {
  const resumeHint = `resume with: npm run eval -- --resume ${runId}`;
  if (outcome === "completed") {
    const view = await getRunView(db, runId);
    if (!view) throw new Error(`run ${runId} disappeared`);
    const result = evalResult(view, durationMs);
    log(formatResults(result));
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  if (outcome === "stopped") {
    // Stopped runs are marked cancelled so that no other runner (the app, a worker) carries on behind the user's back.
    await cancelRun(db, runId).catch(() => {});
    const view = await getRunView(db, runId);
    const p = view?.progress;
    log(`interrupted: run ${runId} stopped${p ? ` at ${p.done + p.errors}/${p.total} items` : ""}; leases released`);
    log(resumeHint);
    return exitOnStop;
  }
  const run = await getRun(db, { id: runId });
  if (outcome === "cancelled") log(`error: run ${runId} was cancelled elsewhere; ${resumeHint}`);
  else log(`error: run ${runId} ${outcome}${run?.error ? `: ${run.error}` : ""}`);
  return 1;
}

function fail(error: unknown): number {
  if (error instanceof CliError || error instanceof AppError) log(`error: ${error.message}`);
  else if (error instanceof z.ZodError) log(`error: ${z.prettifyError(error)}`);
  else log(`error: ${errorSummary(error)}`);
  return 1;
}

process.exit(await main(process.argv.slice(2)));
