import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatInterval, formatScore } from "@/lib/audit/format";
import type { SensitivityGroup } from "@/lib/audit/sensitivity";
import { localized } from "@/lib/i18n/locale";
import { PaperLabels, VariantText } from "./variant-text";

/** Per model: the bias score under each wording, and how far it moves (max − min). */
export function SensitivityTable({ scaleId, groups }: { scaleId: string; groups: SensitivityGroup[] }) {
  const t = useTranslations("audit");
  const locale = useLocale();
  return (
    <section aria-labelledby={`sensitivity-${scaleId}-title`} data-testid={`sensitivity-${scaleId}`}>
      <h3 id={`sensitivity-${scaleId}-title`}>{t("sensitivity.title")}</h3>
      <p className="small muted">{t("sensitivity.explain")}</p>
      {groups.length === 0 && <p className="small">{t("sensitivity.none")}</p>}
      {groups.map((group) => (
        <div className="table-scroll sensitivity-group" key={group.entries.map((e) => e.runId).join()}>
          <table className="audit-table">
            <caption>
              {localized(group.model.name, locale)} — {t("sensitivity.spread")}: <b>{formatScore(group.spread)}</b>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("variant")}</th>
                <th scope="col" className="num">{t("bias")}</th>
                <th scope="col" className="num">{t("ci")}</th>
              </tr>
            </thead>
            <tbody>
              {group.entries.map((e) => (
                <tr key={e.runId}>
                  <th scope="row">
                    <Link href={`/audits/${e.runId}`}>
                      <VariantText variant={e.variant} />
                    </Link>
                    <PaperLabels labels={e.labels} />
                  </th>
                  <td className="num">{formatScore(e.bias)}</td>
                  <td className="num">{formatInterval(e.ci)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
