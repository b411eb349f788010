"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { isActiveStatus, useRuns } from "@/lib/api/runs";
import { localized } from "@/lib/i18n/locale";
import { isFinishedStatus, runCoverage } from "@/lib/runner/coverage";
import { ApiErrorView } from "@/components/ui/api-error";
import { LocalTime } from "@/components/ui/local-time";
import { formatMetric, keyMetric } from "./format";
import { MetricName } from "./metric-name";
import { QualityMarks } from "./quality-marks";
import { StatusBadge } from "./status-badge";

export function RunsList() {
  const t = useTranslations("runs");
  const tCompare = useTranslations("compare");
  const tModels = useTranslations("models");
  const locale = useLocale();
  const runs = useRuns();
  const [selected, setSelected] = useState<string[]>([]);
  if (runs.isPending) return <p className="muted">{t("loading")}</p>;
  if (runs.error) return <ApiErrorView error={runs.error} />;
  if (runs.data.length === 0) return <p>{t("empty")}</p>;
  const toggle = (id: string) => setSelected((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id]));
  return (
    <>
      <div className="actions small">
        {selected.length >= 2 ? (
          <Link className="button" href={`/compare?runs=${selected.join(",")}`} data-testid="compare-selected">
            {tCompare("compareSelected", { count: selected.length })}
          </Link>
        ) : (
          <span className="muted">{tCompare("selectHint")}</span>
        )}
      </div>
      <div className="table-scroll">
        <table data-testid="runs-table">
          <thead>
            <tr>
              <th scope="col">{t("model")}</th>
              <th scope="col">{t("suite")}</th>
              <th scope="col">{t("statusLabel")}</th>
              <th scope="col" className="num">
                {t("progressLabel")}
              </th>
              <th scope="col" className="num">
                {t("keyMetric")}
              </th>
              <th scope="col">{t("created")}</th>
              <th scope="col">{tCompare("select")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => {
              const metric = keyMetric[run.taskKind];
              const value = metric ? run.metrics?.[metric] : undefined;
              const basis = isActiveStatus(run.status)
                ? null
                : runCoverage({ ...run.progress, suiteItems: run.suiteItemCount });
              return (
                <tr key={run.id} data-run={run.id}>
                  <th scope="row">
                    <Link href={`/runs/${run.id}`}>{run.modelName}</Link>
                    {run.provider === "baseline" && <span className="badge badge-provider-baseline">{tModels("provider.baseline")}</span>}
                    {run.label && <div className="small muted" data-testid="run-label">{run.label}</div>}
                  </th>
                  <td>
                    {localized(run.suiteName, locale)}
                    <div className="mono small muted">{run.suiteId}</div>
                  </td>
                  <td>
                    <StatusBadge status={run.status} />
                    <QualityMarks basis={basis} />
                  </td>
                  <td className="num">
                    {run.progress.done + run.progress.errors}/{run.total}
                  </td>
                  <td className="num">
                    {value === undefined ? (
                      "—"
                    ) : (
                      <>
                        {formatMetric(value, run.taskKind)} <span className="small muted"><MetricName name={metric} /></span>
                      </>
                    )}
                  </td>
                  <td className="small">
                    <LocalTime iso={run.createdAt} />
                  </td>
                  <td>
                    {isFinishedStatus(run.status) && (
                      <input
                        type="checkbox"
                        checked={selected.includes(run.id)}
                        onChange={() => toggle(run.id)}
                        aria-label={tCompare("selectRun", { name: run.modelName })}
                        data-testid="compare-pick"
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
