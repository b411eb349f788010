"use client";

import { useTranslations } from "next-intl";
import type { ContaminationReport } from "@/lib/api/contamination";

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);

/** Each finished run of a suite: its headline metric over all items and over the items no corpus window matched. */
export function CleanScoresTable({ runs }: { runs: ContaminationReport["runs"] }) {
  const t = useTranslations("contamination");
  const metric = (x: number | null, display: "percent" | "plain") => (display === "percent" ? pct(x) : (x?.toFixed(3) ?? "–"));
  if (runs.length === 0) return <p className="small muted">{t("noRuns")}</p>;
  return (
    <table data-testid="contamination-runs">
      <caption>{t("runsCaption")}</caption>
      <thead>
        <tr>
          <th>{t("model")}</th>
          <th>{t("metric")}</th>
          <th>{t("all")}</th>
          <th>{t("clean")}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.runId}>
            <td>
              <a href={`/runs/${run.runId}`}>{run.label ? `${run.model} · ${run.label}` : run.model}</a>
            </td>
            <td className="mono">{run.metric}</td>
            <td>{metric(run.all, run.display)}</td>
            <td>
              {metric(run.clean, run.display)} <span className="small muted">{t("cleanItems", { n: run.cleanItems })}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
