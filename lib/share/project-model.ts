import type { Db } from "@/lib/db/client";
import { listModelRuns } from "@/lib/db/queries/model-page";
import { getModel } from "@/lib/db/queries/models";
import { localized } from "@/lib/i18n/locale";
import { displayModelName } from "@/lib/leaderboard/metrics";
import { finishedRunBasis, isFinishedStatus, type RunCoverage } from "@/lib/runner/coverage";
import { keyMetric } from "@/components/runs/format";
import { modelTarget } from "./targets";

const BENCHMARK_SETTINGS = ["shots", "template", "answerMode", "tokenizer", "samples", "temperature", "limit"] as const;
const SCALE_SETTINGS = ["instruction", "order", "labels", "key", "samples", "temperature"] as const;
const PERPLEXITY_SETTINGS = ["tokenizer", "contextChars", "strideChars", "limit"] as const;

export interface SharedModelRun {
  /** 1-based position, newest first: how the page names a run (never its id). */
  n: number;
  label: string | null;
  suiteId: string;
  suiteName: string;
  taskKind: string;
  suiteVersion: string;
  currentVersion: boolean;
  /** The frozen settings that change what the number measures (null: not set). */
  settings: Record<string, string | number | boolean | null>;
  headline: { name: string; value: number | null; ci: [number, number] | null };
  basis: RunCoverage;
  finishedAt: string | null;
}

export interface SharedModelView {
  kind: "model";
  /** The model's display name and kind ("openai", "baseline"...), never its address, reference or key. */
  name: string;
  provider: string;
  runs: SharedModelRun[];
}

const plain = (v: unknown) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null);

/** A shared model page: the model's finished runs with suite, settings, headline ± interval and quality marks. */
export async function projectModel(db: Db, target: Record<string, unknown>, locale: string): Promise<SharedModelView | null> {
  const parsed = modelTarget.safeParse(target);
  if (!parsed.success) return null;
  const model = await getModel(db, { id: parsed.data.modelId });
  if (!model) return null;
  const runs = (await listModelRuns(db, { modelId: model.id })).filter((run) => isFinishedStatus(run.status));
  return {
    kind: "model",
    name: displayModelName(model.name, model.provider, locale),
    provider: model.provider,
    runs: runs.map((run, i) => {
      const metric = keyMetric[run.taskKind] ?? "accuracy";
      const value = run.metrics?.[metric];
      const ci = run.ci?.[metric];
      const names = run.taskKind === "scale" ? SCALE_SETTINGS : run.taskKind === "perplexity" ? PERPLEXITY_SETTINGS : BENCHMARK_SETTINGS;
      return {
        n: i + 1,
        label: run.label,
        suiteId: run.suiteId,
        suiteName: localized(run.suiteName, locale),
        taskKind: run.taskKind,
        suiteVersion: run.suiteVersion.slice(0, 12),
        currentVersion: run.currentVersion,
        settings: Object.fromEntries(names.map((name) => [name, plain(run.settings[name])])),
        headline: { name: metric, value: typeof value === "number" && Number.isFinite(value) ? value : null, ci: Array.isArray(ci) && ci.length === 2 ? [ci[0], ci[1]] : null },
        basis: finishedRunBasis(run),
        finishedAt: run.finishedAt?.toISOString() ?? null,
      };
    }),
  };
}
