"use client";

import { useTranslations } from "next-intl";

/** Benchmark metric names live in the shared "metric" messages; scale metrics in "runs.scaleMetric". */
export function MetricName({ name }: { name: string }) {
  const tMetric = useTranslations("metric");
  const tScale = useTranslations("runs.scaleMetric");
  if (tMetric.has(name as "accuracy")) return <>{tMetric(name as "accuracy")}</>;
  if (tScale.has(name as "bias")) return <>{tScale(name as "bias")}</>;
  return <span className="mono">{name}</span>;
}
