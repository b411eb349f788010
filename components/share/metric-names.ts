import { getTranslations } from "next-intl/server";

/** Metric ids to the page's words (benchmark metrics, then scale metrics); unknown ids stay as they are. */
export async function metricNames(names: readonly string[]): Promise<Record<string, string>> {
  const [tMetric, tScale] = await Promise.all([getTranslations("metric"), getTranslations("runs.scaleMetric")]);
  return Object.fromEntries(
    names.map((name) => [
      name,
      tMetric.has(name as "accuracy") ? tMetric(name as "accuracy") : tScale.has(name as "bias") ? tScale(name as "bias") : name,
    ]),
  );
}
