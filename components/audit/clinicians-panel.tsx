"use client";

import { useLocale, useTranslations } from "next-intl";
import type { CliniciansSummary } from "@/lib/audit/clinicians";
import { insideRange } from "@/lib/audit/clinicians";
import { formatScore } from "@/lib/audit/format";
import type { RunScores } from "@/lib/audit/run-row";
import { localized } from "@/lib/i18n/locale";

/** The clinicians' spread on a scale and, for each model, whether its score lies inside the clinicians' range. */
export function CliniciansPanel({ scaleId, clinicians, bars }: { scaleId: string; clinicians: CliniciansSummary; bars: RunScores[] }) {
  const t = useTranslations("clinicians");
  const locale = useLocale();
  const d = clinicians.distribution;
  return (
    <div className="card" data-testid={`clinicians-${scaleId}`}>
      <h3>{t("title")}</h3>
      {!d ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <>
          <p>
            <strong>{t("row", { n: d.n })}</strong>:{" "}
            {t("distribution", {
              min: formatScore(d.min),
              q1: formatScore(d.q1),
              median: formatScore(d.median),
              q3: formatScore(d.q3),
              max: formatScore(d.max),
            })}
          </p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t("model")}</th>
                  <th>{t("score")}</th>
                  <th>{t("range")}</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => {
                  const inside = insideRange(b.bias, d);
                  return (
                    <tr key={b.runId}>
                      <td>{localized(b.model.name, locale)}</td>
                      <td>{formatScore(b.bias)}</td>
                      <td className={inside === false ? "warn-text" : undefined}>
                        {inside === null ? "—" : inside ? t("inside") : t("outside")}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {clinicians.flagged > 0 && <p className="small muted">{t("flagged", { n: clinicians.flagged })}</p>}
    </div>
  );
}

/** Per item: the model's mean item score minus the clinicians'. */
export function CliniciansGap({ items, clinicians }: { items: { n: number; meanStigma: number | null }[]; clinicians: CliniciansSummary }) {
  const t = useTranslations("clinicians");
  const rows = items.filter((i) => i.meanStigma !== null && clinicians.itemMeans[i.n] !== undefined);
  if (rows.length === 0) return null;
  return (
    <section className="card" data-testid="clinicians-gap">
      <h2>{t("gapTitle")}</h2>
      <p className="small">{clinicians.distribution && t("row", { n: clinicians.distribution.n })}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t("model")}</th>
              <th>{t("row", { n: clinicians.distribution?.n ?? 0 })}</th>
              <th>Δ</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => {
              const gap = i.meanStigma! - clinicians.itemMeans[i.n];
              return (
                <tr key={i.n}>
                  <td>{i.n}</td>
                  <td>{formatScore(i.meanStigma)}</td>
                  <td>{formatScore(clinicians.itemMeans[i.n])}</td>
                  <td>{`${gap > 0 ? "+" : ""}${formatScore(gap)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
