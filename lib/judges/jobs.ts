import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import { listRunningJudgeJobs, markJudgeJobFinished, markJudgeJobRunning, takeOverJudgeJob } from "@/lib/db/queries/judge-jobs";
import { listClinicianJudgementsForRuns, listJudgeJudgementsTouching } from "@/lib/db/queries/judgements";
import { listRateableRuns, listRunModels } from "@/lib/db/queries/studies";
import { getModel } from "@/lib/db/queries/models";
import { getRun } from "@/lib/db/queries/runs";
import { getSuite } from "@/lib/db/queries/suites";
import { AppError } from "@/lib/errors";
import { isProcessAlive, ownerPidOnHost, processOwnerId } from "@/lib/runner/owners";
import { judgeChatFor } from "./judge-client";
import { type JudgeChat, type JudgeJob, type JudgeOutcome, runJudge } from "./run-judge";
import { summariseJudges } from "./summary";

const JUDGEABLE_KINDS = new Set(["open_qa", "dialogue"]);

interface Running {
  job: JudgeJob;
  done: Promise<JudgeOutcome>;
}
// One registry per process (kept on globalThis so a reloaded module in development sees the same jobs).
const registry = ((globalThis as { chimedJudgeJobs?: Map<string, Running> }).chimedJudgeJobs ??= new Map());

const jobKey = (job: JudgeJob) => `${job.judgeModelId}:${job.mode}:${[...job.runIds].sort().join(",")}`;
const jobRow = (job: JudgeJob) => ({ judgeModelId: job.judgeModelId, mode: job.mode, runIds: [...job.runIds].sort(), maxItems: job.maxItems ?? null });
// This process in judge_jobs.owner: host and pid (so a later process can tell it died) and a random suffix.
const selfOwner = ((globalThis as { chimedJudgeOwner?: string }).chimedJudgeOwner ??= processOwnerId("judge"));

/** Checks a judge job (runs exist, are open-QA/dialogue on one suite, the judge can be called). */
async function prepare(db: Db, job: JudgeJob): Promise<JudgeChat> {
  const model = await getModel(db, { id: job.judgeModelId });
  if (!model) throw new AppError("no such judge model", 404);
  const runs = await Promise.all(job.runIds.map((id) => getRun(db, { id })));
  if (runs.some((r) => !r)) throw new AppError("no such run", 404);
  const suiteIds = new Set(runs.map((r) => r!.suiteId));
  if (suiteIds.size !== 1) throw new AppError("judged runs must be on the same suite", 400, undefined, "mixed_suites");
  const suite = await getSuite(db, { id: [...suiteIds][0] });
  if (!suite || !JUDGEABLE_KINDS.has(suite.taskKind)) {
    throw new AppError("judges grade open-QA and dialogue runs only", 400, undefined, "not_judgeable");
  }
  if (job.mode === "pairwise" && new Set(job.runIds).size < 2) {
    throw new AppError("pairwise judging needs at least two runs", 400, undefined, "too_few_runs");
  }
  return judgeChatFor(model);
}

/** Starts a judge job in this process (once per judge, mode and runs); resumes where an earlier one stopped. */
export async function startJudgeJob(db: Db, job: JudgeJob, chat?: JudgeChat): Promise<{ started: boolean }> {
  if (registry.has(jobKey(job))) return { started: false };
  const judgeChat = chat ?? (await prepare(db, job));
  return { started: launch(db, job, judgeChat, (key) => markJudgeJobRunning(db, { key, ...jobRow(job), owner: selfOwner })) };
}

/**
 * Resumes the judge jobs a dead process left running (its pid is gone from this host, or it was an earlier
 * life of this pid): each is taken over and started again, and skips what was already judged. Answers their keys.
 */
export async function resumeJudgeJobs(
  db: Db,
  { alive = isProcessAlive, host = hostname(), chat }: { alive?: (pid: number) => boolean; host?: string; chat?: JudgeChat } = {},
): Promise<string[]> {
  const resumed: string[] = [];
  for (const row of await listRunningJudgeJobs(db)) {
    const pid = ownerPidOnHost(row.owner, host);
    const dead = pid !== null && row.owner !== selfOwner && (pid === process.pid || !alive(pid));
    if (!dead || registry.has(row.key)) continue;
    const job: JudgeJob = { judgeModelId: row.judgeModelId, mode: row.mode as JudgeJob["mode"], runIds: row.runIds, maxItems: row.maxItems ?? undefined };
    if (!(await takeOverJudgeJob(db, { key: row.key, from: row.owner, to: selfOwner }))) continue;
    const judgeChat = await (chat ? Promise.resolve(chat) : prepare(db, job)).catch(async (error: unknown) => {
      // Its runs or suite changed so that it cannot run any more: finished, with the reason.
      await markJudgeJobFinished(db, { key: row.key, owner: selfOwner, outcome: { error: error instanceof Error ? error.message : String(error) } });
      return null;
    });
    if (judgeChat && launch(db, job, judgeChat, async () => {})) resumed.push(row.key);
  }
  return resumed;
}

/** Runs the job in the background, recorded in judge_jobs from `record` until it ends; false if already running. */
function launch(db: Db, job: JudgeJob, chat: JudgeChat, record: (key: string) => Promise<void>): boolean {
  const key = jobKey(job);
  if (registry.has(key)) return false;
  const done = (async () => {
    await record(key);
    return runJudge(db, job, { chat });
  })()
    .catch((error): JudgeOutcome => {
      console.error(`[chimed] judge job ${key} failed:`, error instanceof Error ? error.message : error);
      return { judged: 0, unreadable: 0, skipped: 0, failed: 1 };
    })
    .then(async (outcome) => {
      await markJudgeJobFinished(db, { key, owner: selfOwner, outcome }).catch(() => {});
      return outcome;
    })
    .finally(() => registry.delete(key));
  registry.set(key, { job, done });
  return true;
}

/** Resolves when the job with these settings (if any is running) ends. */
export function judgeJobDone(job: JudgeJob): Promise<JudgeOutcome> | null {
  return registry.get(jobKey(job))?.done ?? null;
}

/** Judges' verdicts on a run, agreement with clinicians, and whether a job on the run is still going. */
export async function loadRunJudges(db: Db, { runId }: { runId: string }) {
  if (!(await getRun(db, { id: runId }))) return null;
  const judged = await listJudgeJudgementsTouching(db, { runId });
  const runIds = [...new Set([runId, ...judged.flatMap((j) => [j.runAId, j.runBId ?? j.runAId])])];
  const [clinicians, models] = await Promise.all([
    listClinicianJudgementsForRuns(db, { runIds }),
    listRunModels(db, { runIds }),
  ]);
  const running = [...registry.values()].some((r) => r.job.runIds.includes(runId));
  const modelOf = Object.fromEntries(models.map((m) => [m.runId, m.modelName]));
  return { runId, running, modelOf, judges: summariseJudges(runId, judged, clinicians) };
}
export type RunJudges = Awaited<ReturnType<typeof loadRunJudges>>;

/** Other finished open-QA/dialogue runs on this run's suite: the default opponents of pairwise judging. */
export async function sameSuiteRunIds(db: Db, runId: string): Promise<string[]> {
  const run = await getRun(db, { id: runId });
  if (!run) return [];
  return (await listRateableRuns(db)).filter((r) => r.suiteId === run.suiteId && r.id !== runId).map((r) => r.id);
}
