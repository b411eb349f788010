import { useLocale, useTranslations } from "next-intl";
import { SubscaleBarChart } from "@/components/charts/subscale-bar-chart";
import { formatInterval, formatScore } from "@/lib/audit/format";
import type { RunScores } from "@/lib/audit/run-row";
import type { AuditScaleInfo } from "@/lib/audit/scale-info";
import { localized } from "@/lib/i18n/locale";
import { ResponseFlags, SubscaleBasisNote } from "./response-flags";
import { PaperLabels } from "./variant-text";

export interface SubscaleEntry {
  id: string;
  label: string;
  scores: RunScores;
}

/** CAMI subscale sums (10–50 each) with 95% intervals, as a chart and as the table behind it. */
export function SubscaleSection({ scale, entries, testId }: { scale: AuditScaleInfo; entries: SubscaleEntry[]; testId: string }) {
  const t = useTranslations("audit");
  const locale = useLocale();
  const [first] = scale.subscales;
  if (!first) return null;
  const domain: [number, number] = [first.min, first.max];
  const shown = entries.filter((e) => e.scores.subscales.some((s) => s.value !== null));
  return (
    <section aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{t("subscales.title")}</h3>
      <p className="small muted">{t("subscales.explain", { min: first.min, max: first.max })}</p>
      {shown.length === 0 ? (
        <p className="small">{t("subscales.none")}</p>
      ) : (
        <>
          <SubscaleBarChart
            testId={testId}
            label={t("subscales.chartLabel")}
            domain={domain}
            midpoint={(domain[0] + domain[1]) / 2}
            series={scale.subscales.map((s) => ({ id: s.id, name: `${s.id} ${localized(s, locale)}` }))}
            rows={shown.map((e) => ({
              id: e.id,
              label: e.label,
              values: Object.fromEntries(
                e.scores.subscales.map((s) => [s.id, { value: s.value, lo: s.ci?.[0] ?? null, hi: s.ci?.[1] ?? null }]),
              ),
            }))}
          />
          <div className="table-scroll">
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t("model")}</th>
                  {scale.subscales.map((s) => (
                    <th scope="col" className="num" key={s.id} title={localized(s, locale)}>
                      {s.id}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      {e.label}
                      <PaperLabels labels={e.scores.labels} />
                      <ResponseFlags patterns={e.scores.patterns} />
                    </th>
                    {e.scores.subscales.map((s) => (
                      <td className="num" key={s.id}>
                        {formatScore(s.value, 1)}
                        <div className="small muted">{formatInterval(s.ci, 1)}</div>
                        <SubscaleBasisNote answered={s.answered} items={s.items} prorated={s.prorated} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
