"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RunViewData } from "@/lib/api/runs";
import { formatInterval, formatMetric } from "./format";
import { MetricName } from "./metric-name";
import { QualityMarks } from "./quality-marks";
import { PerplexitySummary } from "./perplexity-summary";
import { RewardSummary } from "./reward-summary";
import { SubsetTable } from "./subset-table";

export function RunMetrics({ view }: { view: RunViewData }) {
  const t = useTranslations("runs.results");
  const tq = useTranslations("quality");
  const { run, suite, coverage, progress } = view;
  if (!run.metrics) return null;
  const summary = (run.summary ?? {}) as {
    bySubset?: Record<string, Record<string, number>>;
    bySubsetCi?: Record<string, Record<string, [number, number]>>;
    labels?: string[];
    entityMatching?: string;
  };
  const scale = suite.taskKind === "scale";
  const perplexity = suite.taskKind === "perplexity";
  const finished = progress.done + progress.errors;
  return (
    <section aria-labelledby="run-results">
      <h2 id="run-results">
        {t("title")} <QualityMarks basis={coverage} />
      </h2>
      <p className="small muted">{scale ? t("scaleUnits") : perplexity ? t("bitsUnits") : t("percentUnits")}</p>
      <p className="small" data-testid="metrics-basis">
        {tq("basis", { items: coverage.itemsRun, all: coverage.suiteItems, coverage: coverage.coverage })}
      </p>
      {progress.errors > 0 && (
        <p className={`notice small${coverage.unreliable ? " notice-error" : ""}`} data-testid="metrics-errors">
          {tq("withErrors", { errors: progress.errors, finished, share: coverage.errorShare })}
        </p>
      )}
      {summary.entityMatching && <p className="small muted">{tq("entityMatching", { rule: summary.entityMatching })}</p>}
      {scale && (
        <p>
          <Link className="button" href={`/audits/${run.id}`}>
            {t("auditLink")}
          </Link>
        </p>
      )}
      {summary.labels?.map((label) => (
        <p key={label} className="notice small">
          {label}
        </p>
      ))}
      <div className="table-scroll">
        <table data-testid="metrics-table">
          <thead>
            <tr>
              <th scope="col">{t("metric")}</th>
              <th scope="col" className="num">
                {t("value")}
              </th>
              <th scope="col" className="num">
                {t("ci")}
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(run.metrics).map(([name, value]) => (
              <tr key={name} data-metric={name}>
                <th scope="row">
                  <MetricName name={name} />
                </th>
                <td className="num" data-testid="metric-value">
                  {formatMetric(value, suite.taskKind)}
                </td>
                <td className="num" data-testid="metric-ci">
                  {formatInterval(run.ci?.[name] as [number, number] | undefined, suite.taskKind)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.bySubset && Object.keys(summary.bySubset).length > 0 && (
        <SubsetTable
          bySubset={summary.bySubset}
          bySubsetCi={summary.bySubsetCi}
          taskKind={suite.taskKind}
          names={suite.subsetNames}
        />
      )}
      {perplexity && <PerplexitySummary summary={run.summary ?? {}} />}
      {suite.taskKind === "reward" && <RewardSummary summary={run.summary ?? {}} showFloor={suite.id === "cmd-reward-sample"} />}
    </section>
  );
}
