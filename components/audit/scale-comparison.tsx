"use client";

import { useLocale, useTranslations } from "next-intl";
import { BiasBarChart } from "@/components/charts/bias-bar-chart";
import { useScaleComparison } from "@/lib/api/audits";
import type { AuditFilter, ScaleComparison } from "@/lib/audit/comparison";
import type { RunScores } from "@/lib/audit/run-row";
import { isDefaultPrompt } from "@/lib/audit/variant";
import { localized } from "@/lib/i18n/locale";
import { CliniciansPanel } from "./clinicians-panel";
import { ComparisonTable } from "./comparison-table";
import { ScaleNotice, ScaleRange } from "./scale-notice";
import { SensitivityTable } from "./sensitivity-table";
import { SubscaleSection } from "./subscale-section";
import { variantText } from "./variant-text";

/** One scale's section of /audits: bias chart and table, subscales, prompt sensitivity, citation and licence. */
export function ScaleComparisonView({ initial, filter }: { initial: ScaleComparison; filter: AuditFilter }) {
  const t = useTranslations("audit");
  const tClinicians = useTranslations("clinicians");
  const locale = useLocale();
  const { data, error, isFetching } = useScaleComparison(initial, filter);
  const comparison = data ?? initial;
  const { scale, bars } = comparison;
  const labelOf = (bar: RunScores) => {
    const name = localized(bar.model.name, locale);
    const plain = isDefaultPrompt(bar.variant) && bar.variant.limit === null && bar.variant.answerMode === "text";
    return plain ? name : `${name} (${variantText(t, bar.variant)})`;
  };
  const headingId = `scale-${scale.id}`;
  return (
    <section aria-labelledby={headingId} className="audit-scale" data-scale={scale.id} aria-busy={isFetching}>
      <h2 id={headingId}>
        {localized(scale.name, locale)} <span className="muted mono small">{scale.id}</span>
      </h2>
      <ScaleRange scale={scale} />
      <ScaleNotice scale={scale} />
      {isFetching && (
        <p className="small muted" role="status">
          {t("loading")}
        </p>
      )}
      {error && (
        <p role="alert" className="notice">
          {t("loadError", { message: error.message })}
        </p>
      )}
      <h3>{t("biasScore")}</h3>
      <p className="small muted">
        {t("biasExplain")} {scale.subscales.length > 0 && t("camiKeyNote")}
      </p>
      {bars.length === 0 ? (
        <p data-testid={`no-runs-${scale.id}`}>{t("noRuns")}</p>
      ) : (
        <>
          <BiasBarChart
            testId={`bias-chart-${scale.id}`}
            label={t("chartLabel", { scale: localized(scale.name, locale) })}
            valueName={t("biasScore")}
            domain={[scale.range.meanMin, scale.range.meanMax]}
            midpoint={(scale.range.meanMin + scale.range.meanMax) / 2}
            midpointLabel={t("midpoint")}
            data={bars.filter((b) => b.bias !== null).map((b) => ({
              id: b.runId,
              label: labelOf(b),
              value: b.bias!,
              lo: b.biasCi?.[0] ?? null,
              hi: b.biasCi?.[1] ?? null,
              muted: b.model.isBaseline,
            })).concat(
              // The clinicians' row: median with whiskers over their whole range (not a confidence interval).
              comparison.clinicians?.distribution
                ? [
                    {
                      id: "clinicians",
                      label: tClinicians("row", { n: comparison.clinicians.distribution.n }),
                      value: comparison.clinicians.distribution.median,
                      lo: comparison.clinicians.distribution.min,
                      hi: comparison.clinicians.distribution.max,
                      muted: false,
                    },
                  ]
                : [],
            )}
          />
          <ComparisonTable comparison={comparison} />
          <p className="small muted">{t("ratesNote")}</p>
        </>
      )}
      {comparison.clinicians && <CliniciansPanel scaleId={scale.id} clinicians={comparison.clinicians} bars={bars} />}
      {scale.subscales.length > 0 && (
        <SubscaleSection
          scale={scale}
          testId={`subscale-chart-${scale.id}`}
          entries={bars.map((b) => ({ id: b.runId, label: labelOf(b), scores: b }))}
        />
      )}
      <SensitivityTable scaleId={scale.id} groups={comparison.sensitivity} />
    </section>
  );
}
