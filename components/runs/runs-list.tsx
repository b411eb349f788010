"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { isActiveStatus, useRuns } from "@/lib/api/runs";
import { localized } from "@/lib/i18n/locale";
import { runCoverage } from "@/lib/runner/coverage";
import { ApiErrorView } from "@/components/ui/api-error";
import { LocalTime } from "@/components/ui/local-time";
import { formatMetric, keyMetric } from "./format";
import { MetricName } from "./metric-name";
import { QualityMarks } from "./quality-marks";
import { StatusBadge } from "./status-badge";

export function RunsList() {
  const t = useTranslations("runs");
  const tModels = useTranslations("models");
  const locale = useLocale();
  const runs = useRuns();
  if (runs.isPending) return <p className="muted">{t("loading")}</p>;
  if (runs.error) return <ApiErrorView error={runs.error} />;
  if (runs.data.length === 0) return <p>{t("empty")}</p>;
  return (
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
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
