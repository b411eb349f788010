"use client";

import { useLocale, useTranslations } from "next-intl";
import { DistributionChart } from "@/components/charts/distribution-chart";
import { SubscaleBarChart, type SubscaleRow } from "@/components/charts/subscale-bar-chart";
import type { ComparisonData } from "@/lib/compare/load";
import { runLetter } from "@/lib/compare/letters";
import { subsetName } from "@/lib/suites/subset-names";

const MAX_SUBSETS = 30;

/** The comparison's charts from its data: metrics with intervals, the headline metric by subset, the score distribution. */
export function ComparisonCharts({ data }: { data: ComparisonData }) {
  const t = useTranslations("compare");
  const locale = useLocale();
  const tMetric = useTranslations("metric");
  const tScale = useTranslations("runs.scaleMetric");
  const metricLabel = (m: string) =>
    tMetric.has(m as "accuracy") ? tMetric(m as "accuracy") : tScale.has(m as "bias") ? tScale(m as "bias") : m;
  const kind = data.suite.taskKind;
  const scale = kind === "scale" ? 1 : 100;
  const series = data.runs.map((r, i) => ({ id: `run${i}`, name: `${runLetter(i)} · ${r.modelName}` }));
  const cell = (value: number | undefined, ci: [number, number] | undefined) => ({
    value: value === undefined ? null : value * scale,
    lo: ci ? ci[0] * scale : null,
    hi: ci ? ci[1] * scale : null,
  });
  const metricNames = kind === "scale" ? Object.keys(data.runs[0].metrics) : data.metricNames;
  const metricRows: SubscaleRow[] = metricNames.map((m) => ({
    id: m,
    label: metricLabel(m),
    values: Object.fromEntries(data.runs.map((r, i) => [`run${i}`, cell(r.metrics[m], r.ci[m])])),
  }));
  const subsetMetric = kind === "ner" ? "f1" : data.headline;
  const subsetNames = [...new Set(data.runs.flatMap((r) => Object.keys(r.bySubset)))].sort();
  const subsetRows: SubscaleRow[] = subsetNames.slice(0, MAX_SUBSETS).map((s) => ({
    id: s,
    label: subsetName(data.subsetNames, s, locale),
    values: Object.fromEntries(data.runs.map((r, i) => [`run${i}`, cell(r.bySubset[s]?.[subsetMetric], r.bySubsetCi[s]?.[subsetMetric])])),
  }));
  const distributionRows = data.distribution.map((bin) => ({
    label: kind === "mcq" ? t(bin.from >= 1 ? "right" : "wrong") : bin.from === bin.to ? String(bin.from) : `${bin.from.toFixed(1)}–${bin.to.toFixed(1)}`,
    counts: Object.fromEntries(bin.counts.map((c, i) => [`run${i}`, c])),
  }));
  return (
    <>
      <h3>{t("metricsChart")}</h3>
      <SubscaleBarChart rows={metricRows} series={series} domain={domainOf(metricRows, kind)} label={t("metricsChart")} testId="compare-metrics-chart" />
      {subsetRows.length > 0 && (
        <>
          <h3>{t(kind === "ner" ? "typeChart" : "subsetChart", { metric: metricLabel(subsetMetric) })}</h3>
          {subsetNames.length > MAX_SUBSETS && <p className="small muted">{t("subsetsShown", { shown: MAX_SUBSETS, total: subsetNames.length })}</p>}
          <SubscaleBarChart rows={subsetRows} series={series} domain={[0, 100]} label={t("subsetChart", { metric: metricLabel(subsetMetric) })} testId="compare-subset-chart" />
        </>
      )}
      <h3>{t("distributionChart")}</h3>
      <DistributionChart rows={distributionRows} series={series} label={t("distributionChart")} testId="compare-distribution-chart" />
    </>
  );
}

/** Benchmarks are percentages; a scale's metrics span whatever their values and intervals span, zero included. */
function domainOf(rows: SubscaleRow[], kind: string): [number, number] {
  if (kind !== "scale") return [0, 100];
  const values = rows.flatMap((r) => Object.values(r.values).flatMap((v) => [v.value, v.lo, v.hi])).filter((v): v is number => v !== null);
  const lo = Math.floor(Math.min(0, ...values));
  const hi = Math.ceil(Math.max(1, ...values));
  return [lo, hi];
}
