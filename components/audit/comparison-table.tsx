import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { ScaleComparison } from "@/lib/audit/comparison";
import { formatInterval, formatScore, formatShare } from "@/lib/audit/format";
import { localized } from "@/lib/i18n/locale";
import { PaperLabels, VariantText } from "./variant-text";

/** The numbers behind the bias chart, with refusal and unparsed rates per model. */
export function ComparisonTable({ comparison }: { comparison: ScaleComparison }) {
  const t = useTranslations("audit");
  const locale = useLocale();
  const { scale, bars } = comparison;
  return (
    <div className="table-scroll">
      <table className="audit-table" data-testid={`audit-table-${scale.id}`}>
        <thead>
          <tr>
            <th scope="col">{t("model")}</th>
            <th scope="col">{t("variant")}</th>
            <th scope="col" className="num">{t("bias")}</th>
            <th scope="col" className="num">{t("ci")}</th>
            <th scope="col" className="num">
              {t("total")} <span className="muted small">{`${scale.range.totalMin}–${scale.range.totalMax}`}</span>
            </th>
            <th scope="col" className="num">{t("refused")}</th>
            <th scope="col" className="num">{t("unparsed")}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.runId} data-run={bar.runId}>
              <th scope="row">
                <Link href={`/audits/${bar.runId}`}>{localized(bar.model.name, locale)}</Link>
                {bar.model.isBaseline && <span className="badge badge-reported">{t("baseline")}</span>}
              </th>
              <td className="variant-cell">
                <VariantText variant={bar.variant} />
                <div className="small muted">{t("samples", { n: bar.variant.samples })}</div>
                <PaperLabels labels={bar.labels} />
              </td>
              <td className="num">{formatScore(bar.bias)}</td>
              <td className="num">{formatInterval(bar.biasCi)}</td>
              <td className="num">
                {formatScore(bar.total, 1)}
                <div className="small muted">{formatInterval(bar.totalCi, 1)}</div>
              </td>
              <td className="num">{formatShare(bar.refused)}</td>
              <td className="num">{formatShare(bar.unparsed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
