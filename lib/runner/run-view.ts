import type { Db } from "@/lib/db/client";
import { getModel } from "@/lib/db/queries/models";
import { getRunProgress, type RunProgress } from "@/lib/db/queries/run-items";
import { getRun } from "@/lib/db/queries/runs";
import { getSuite } from "@/lib/db/queries/suites";
import { type RunCoverage, runCoverage } from "./coverage";
import { runCost } from "./cost";
import { type SubsetNames, subsetNames } from "@/lib/suites/subset-names";

const RATE_WINDOW_S = 30;

export interface RunView {
  run: NonNullable<Awaited<ReturnType<typeof getRun>>>;
  model: { id: string; name: string; provider: string; modelId: string | null; isBaseline: boolean; sourceUrl: string | null };
  suite: {
    id: string;
    name: { en: string; zh: string };
    taskKind: string;
    licence: string;
    citation: string | null;
    subsetNames: SubsetNames;
  };
  progress: RunProgress;
  coverage: RunCoverage;
  /** Cost of the tokens this run bought (cached answers cost nothing); null when the model has no prices. */
  cost: number | null;
  /** Items finished per second over the last 30 s. */
  itemsPerSecond: number;
  etaSeconds: number | null;
}

/** Everything the run page and the CLI show about a run, with no secret in it. */
export async function getRunView(db: Db, id: string): Promise<RunView | null> {
  const run = await getRun(db, { id });
  if (!run) return null;
  const [model, suite, progress] = await Promise.all([
    getModel(db, { id: run.modelId }),
    getSuite(db, { id: run.suiteId }),
    getRunProgress(db, { runId: id }),
  ]);
  if (!model || !suite) return null;
  const elapsed = run.startedAt ? Math.min(RATE_WINDOW_S, (Date.now() - run.startedAt.getTime()) / 1000) : 0;
  const itemsPerSecond = elapsed > 0 ? progress.recent / elapsed : 0;
  const remaining = progress.pending + progress.running;
  return {
    run,
    model: {
      id: model.id,
      name: model.name,
      provider: model.provider,
      modelId: model.modelId,
      isBaseline: model.provider === "baseline",
      /** A browser model's files URL (the user typed it; null when its files are picked from disk). */
      sourceUrl: model.provider === "browser" ? model.baseUrl : null,
    },
    suite: {
      id: suite.id,
      name: suite.name,
      taskKind: suite.taskKind,
      licence: suite.licence,
      citation: suite.citation,
      subsetNames: subsetNames(suite.config),
    },
    progress,
    coverage: runCoverage({ itemsRun: progress.itemsRun, suiteItems: run.suiteItemCount, done: progress.done, errors: progress.errors }),
    cost: runCost(progress, model),
    itemsPerSecond,
    etaSeconds: remaining === 0 ? 0 : itemsPerSecond > 0 ? remaining / itemsPerSecond : null,
  };
}
