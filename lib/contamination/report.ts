import type { Db } from "@/lib/db/client";
import { listFinishedRunItemsWithItem, listFinishedRunsOfSuite } from "@/lib/db/queries/contamination";
import { getSuite, listAllSuiteItems } from "@/lib/db/queries/suites";
import type { ContaminationIndex } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { loadRunContext } from "@/lib/runner/run-context";
import { taskOf } from "@/lib/tasks/index";
import { questionAndAnswer } from "@/lib/tasks/trainer-example";
import { checkTexts, readIndexMeta, type TextMatch } from "./index-query";
import { indexDir } from "./store";

export interface ContaminatedItem extends TextMatch {
  externalId: string;
}

export interface RunWithAndWithout {
  runId: string;
  model: string;
  label: string | null;
  metric: string;
  /** How the metric is shown: fractions in percent, or in its own units. */
  display: "percent" | "plain";
  all: number | null;
  clean: number | null;
  /** Items the clean score is computed over. */
  cleanItems: number;
}

export interface ContaminationReport {
  index: { id: string; name: string; n: number };
  suite: { id: string; taskKind: string };
  /** Test items checked. */
  items: number;
  questionMatches: number;
  questionAnswerMatches: number;
  /** Fractions of `items`. */
  questionShare: number;
  questionAnswerShare: number;
  /** Items with any match (question + answer), longest spans first, at most `listLimit`. */
  matches: ContaminatedItem[];
  runs: RunWithAndWithout[];
}

const SPAN_CHARS = 300;

/**
 * A suite's test items against a corpus index: which share their question (or question ‖ answer) with the
 * corpus, and each finished run's headline metric over all items and over the clean ones (the items with no
 * match at all), recomputed with the task kind's own aggregate.
 */
export async function suiteContamination(db: Db, index: ContaminationIndex, suiteId: string, listLimit = 200): Promise<ContaminationReport> {
  const suite = await getSuite(db, { id: suiteId });
  if (!suite) throw new AppError(`no suite with id ${suiteId}`, 404, undefined, "not_found");
  const task = taskOf(suite.taskKind);
  if (!task.trainer) throw new AppError(`a ${suite.taskKind} suite has no question and answer to check`, 400, undefined, "not_checkable");
  const items = await listAllSuiteItems(db, { suiteId, split: "test" });
  const dir = indexDir(index.id);
  const found = checkTexts(
    dir,
    readIndexMeta(dir),
    items.map((item) => ({ key: item.id, ...questionAndAnswer(task.trainer!.example(item)) })),
  );
  const contaminated = new Set<string>();
  const matches: ContaminatedItem[] = [];
  let questionMatches = 0;
  for (const item of items) {
    const match = found.get(item.id)!;
    if (match.question) questionMatches++;
    if (!match.questionAnswer) continue;
    contaminated.add(item.id);
    matches.push({ externalId: item.externalId, ...match, span: [...match.span].slice(0, SPAN_CHARS).join("") });
  }
  matches.sort((a, b) => b.matchedNgrams - a.matchedNgrams || a.externalId.localeCompare(b.externalId));
  const share = (k: number) => (items.length === 0 ? 0 : k / items.length);
  return {
    index: { id: index.id, name: index.name, n: index.n },
    suite: { id: suite.id, taskKind: suite.taskKind },
    items: items.length,
    questionMatches,
    questionAnswerMatches: contaminated.size,
    questionShare: share(questionMatches),
    questionAnswerShare: share(contaminated.size),
    matches: matches.slice(0, listLimit),
    runs: await runsWithAndWithout(db, suiteId, contaminated),
  };
}

async function runsWithAndWithout(db: Db, suiteId: string, contaminated: ReadonlySet<string>): Promise<RunWithAndWithout[]> {
  const out: RunWithAndWithout[] = [];
  for (const { run, modelName } of await listFinishedRunsOfSuite(db, { suiteId })) {
    const { ctx } = await loadRunContext(db, run);
    const task = taskOf(ctx.kind);
    const rows = await listFinishedRunItemsWithItem(db, { runId: run.id });
    const cleanRows = rows.filter((r) => !contaminated.has(r.itemId));
    const metric = task.metrics.headline;
    const value = (picked: typeof rows) => (picked.length === 0 ? null : (task.aggregate(ctx, picked).metrics[metric] ?? null));
    out.push({
      runId: run.id,
      model: modelName,
      label: run.label,
      metric,
      display: task.metrics.display,
      all: value(rows),
      clean: value(cleanRows),
      cleanItems: new Set(cleanRows.map((r) => r.itemId)).size,
    });
  }
  return out;
}
