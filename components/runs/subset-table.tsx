"use client";

import { useLocale, useTranslations } from "next-intl";
import { type SubsetNames, subsetName } from "@/lib/suites/subset-names";
import { formatInterval, formatMetric } from "./format";
import { MetricName } from "./metric-name";

/** Metrics per subset (subject, department; for NER per entity type). */
export function SubsetTable({
  bySubset,
  bySubsetCi = {},
  taskKind,
  names,
}: {
  bySubset: Record<string, Record<string, number>>;
  bySubsetCi?: Record<string, Record<string, [number, number]>>;
  taskKind: string;
  names?: SubsetNames;
}) {
  const t = useTranslations("runs.results");
  const locale = useLocale();
  const rows = Object.entries(bySubset).sort(([a], [b]) => a.localeCompare(b));
  const columns = [...new Set(rows.flatMap(([, m]) => Object.keys(m)))];
  return (
    <>
      <h3 id="subsets">{taskKind === "ner" ? t("byType") : t("bySubset")}</h3>
      <div className="table-scroll">
        <table data-testid="subset-table">
          <thead>
            <tr>
              <th scope="col">{taskKind === "ner" ? t("type") : t("subset")}</th>
              {columns.map((c) => (
                <th key={c} scope="col" className="num">
                  <MetricName name={c} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([subset, metrics]) => (
              <tr key={subset}>
                <th scope="row" title={subset}>
                  {subsetName(names, subset, locale)}
                </th>
                {columns.map((c) => (
                  <td key={c} className="num">
                    {c === "n" ? (metrics[c] ?? "—") : formatMetric(metrics[c], taskKind)}
                    {bySubsetCi[subset]?.[c] && (
                      <div className="small muted">{formatInterval(bySubsetCi[subset][c], taskKind)}</div>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
