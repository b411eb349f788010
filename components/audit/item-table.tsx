import { useLocale, useTranslations } from "next-intl";
import { formatScore } from "@/lib/audit/format";
import type { RunAudit } from "@/lib/audit/run-audit";
import { localized } from "@/lib/i18n/locale";
import { AdministrationList } from "./administration-list";

/** Item by item: the statement, its keying, every administration, and the item's mean stigma score. */
export function ItemTable({ audit }: { audit: RunAudit }) {
  const t = useTranslations("audit.run");
  const locale = useLocale();
  const subscaleName = new Map(audit.scale.subscales.map((s) => [s.id, localized(s, locale)]));
  const paperKey = audit.scores.variant.key === "chimed";
  return (
    <section aria-labelledby="items-title">
      <h2 id="items-title">{t("items")}</h2>
      <p className="small muted">{t("itemsNote")}</p>
      <div className="table-scroll">
        <table className="item-audit" data-testid="item-audit-table">
          <thead>
            <tr>
              <th scope="col" className="num">{t("n")}</th>
              <th scope="col">{t("item")}</th>
              <th scope="col">{t("answers")}</th>
              <th scope="col" className="num">{t("meanStigma")}</th>
              {paperKey && <th scope="col" className="num">{t("paperKey")}</th>}
            </tr>
          </thead>
          <tbody>
            {audit.items.map((item) => (
              <tr key={item.n} data-item={item.n}>
                <th scope="row" className="num">{item.n}</th>
                <td className="item-statement">
                  <div lang="zh-CN">{item.zh}</div>
                  {item.en && <div lang="en" className="muted">{item.en}</div>}
                  <div className="small muted">
                    {[
                      item.subscale && `${item.subscale} ${subscaleName.get(item.subscale) ?? ""}`.trim(),
                      item.direction && t(item.direction),
                      item.stigmaWhenAgree && t("stigmaWhenAgree"),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </div>
                </td>
                <td>
                  <AdministrationList administrations={item.administrations} />
                </td>
                <td className="num">
                  <b>{formatScore(item.meanStigma)}</b>
                </td>
                {paperKey && <td className="num">{formatScore(item.meanPaperKey)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
