import { UNRELIABLE_ERROR_SHARE } from "@/lib/runner/coverage";
import type { RunView } from "@/lib/runner/run-view";
import { formatNumber, formatTable } from "./table";

export interface EvalResult {
  runId: string;
  suite: string;
  model: string;
  /** "completed" or "completed_with_errors". */
  status: string;
  /** The run did not cover the whole suite (a sample or some subsets). */
  partial: boolean;
  /** Items run / items in the suite. */
  coverage: number;
  /** Errored items / finished items; above UNRELIABLE_ERROR_SHARE the metrics are flagged unreliable. */
  errorShare: number;
  unreliable: boolean;
  items: number;
  scored: number;
  errors: number;
  unparsed: number;
  metrics: Record<string, number>;
  ci: Record<string, [number, number]>;
  durationMs: number;
}

/** The `--json` line: runs.metrics and runs.ci exactly as stored, with the run's counts. */
export function evalResult(view: RunView, durationMs: number): EvalResult {
  const p = view.progress;
  const c = view.coverage;
  return {
    runId: view.run.id,
    suite: view.suite.id,
    model: view.model.name,
    status: view.run.status,
    partial: c.partial,
    coverage: c.coverage,
    errorShare: c.errorShare,
    unreliable: c.unreliable,
    items: p.total,
    scored: p.done - p.unparsed - p.refused,
    errors: p.errors,
    unparsed: p.unparsed,
    metrics: view.run.metrics ?? {},
    ci: view.run.ci ?? {},
    durationMs: Math.round(durationMs),
  };
}

export function formatResults(result: EvalResult): string {
  const status = result.status.replaceAll("_", " ");
  const head =
    `run ${result.runId} ${status} in ${(result.durationMs / 1000).toFixed(1)} s: ${result.suite} on ${result.model}\n` +
    `${result.items} items, ${result.scored} scored, ${result.unparsed} unparsed, ${result.errors} errors` +
    (result.partial ? `\npartial: covers ${(result.coverage * 100).toFixed(1)}% of the suite's items` : "") +
    (result.unreliable
      ? `\nunreliable: ${(result.errorShare * 100).toFixed(1)}% of items errored (over ${UNRELIABLE_ERROR_SHARE * 100}%); retry them (Retry errors on the run page) after fixing the cause`
      : "");
  const rows = Object.entries(result.metrics)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => {
      const ci = result.ci[name];
      return [name, formatNumber(value), ci ? `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]` : ""];
    });
  if (rows.length === 0) return `${head}\n(no metrics)`;
  return `${head}\n\n${formatTable([["metric", "value", "95% CI"], ...rows], { right: [1] })}`;
}
