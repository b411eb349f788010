"use client";

import { useTranslations } from "next-intl";
import type { MarginSummary } from "@/lib/scoring/reward";

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

/** Ties and the margin distribution of a reward run (accuracy and categories are in the tables above). */
export function RewardSummary({
  summary,
  showFloor,
}: {
  summary: { scorer?: string; ties?: number; scored?: number; margins?: MarginSummary | null };
  showFloor: boolean;
}) {
  const t = useTranslations("reward");
  const m = summary.margins;
  if (!m) return null;
  const quantiles: [string, number][] = [
    [t("min"), m.min],
    ["p10", m.p10],
    ["p25", m.p25],
    [t("median"), m.median],
    ["p75", m.p75],
    ["p90", m.p90],
    [t("max"), m.max],
  ];
  return (
    <section data-testid="reward-summary">
      <h3>{t("title")}</h3>
      {summary.scorer === "judge" && (
        <p className="notice small" data-testid="reward-judge">
          {t("judge")}
        </p>
      )}
      <p className="small">{t("ties", { ties: summary.ties ?? 0, n: summary.scored ?? 0 })}</p>
      {showFloor && <p className="small muted">{t("floor")}</p>}
      <h4>{t("margins")}</h4>
      <p className="small">{t("mean", { mean: fmt(m.mean) })}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("quantile")}</th>
              {quantiles.map(([name]) => (
                <th key={name} scope="col" className="num">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("margin")}</th>
              {quantiles.map(([name, v]) => (
                <td key={name} className="num">
                  {fmt(v)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table aria-label={t("histogram")}>
          <thead>
            <tr>
              <th scope="col">{t("margin")}</th>
              <th scope="col" className="num">
                {t("count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {m.histogram.map((bin) => (
              <tr key={bin.from}>
                <th scope="row">{t("bin", { from: fmt(bin.from), to: fmt(bin.to) })}</th>
                <td className="num">{bin.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
