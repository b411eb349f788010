import { getLocale, getTranslations } from "next-intl/server";
import { formatInterval, formatMetric } from "@/components/runs/format";
import { localized } from "@/lib/i18n/locale";
import type { SharedAudit } from "@/lib/share/projection";

/** A shared audit's subscales, answer consistency and (when shared) its statements with the model's answers. */
export async function SharedAuditSections({ audit }: { audit: SharedAudit }) {
  const [t, locale] = await Promise.all([getTranslations("share.page"), getLocale()]);
  const r = audit.reliability;
  const reliability: [string, number | null][] = [
    [t("alpha"), r.alpha],
    [t("changeShare"), r.changeShare],
    [t("acquiescence"), r.acquiescence],
    [t("biasGreedy"), r.biasGreedy],
  ];
  return (
    <>
      {audit.subscales.length > 0 && (
        <section aria-labelledby="share-subscales">
          <h2 id="share-subscales">{t("subscales")}</h2>
          <div className="table-scroll">
            <table data-testid="share-subscales">
              <thead>
                <tr>
                  <th scope="col">{t("subset")}</th>
                  <th scope="col">{t("value")}</th>
                  <th scope="col">{t("interval")}</th>
                </tr>
              </thead>
              <tbody>
                {audit.subscales.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{localized(s, locale)}</th>
                    <td className="mono">{formatMetric(s.value, "scale")}</td>
                    <td className="mono">{formatInterval(s.ci ?? undefined, "scale")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section aria-labelledby="share-reliability">
        <h2 id="share-reliability">{t("reliability")}</h2>
        <dl className="card">
          {reliability.map(([name, value]) => (
            <div key={name}>
              <dt className="small muted">{name}</dt>
              <dd className="mono">{formatMetric(value, "scale")}</dd>
            </div>
          ))}
        </dl>
      </section>
      {audit.statements ? (
        <section aria-labelledby="share-statements">
          <h2 id="share-statements">{t("statements")}</h2>
          <div className="table-scroll">
            <table data-testid="share-statements">
              <thead>
                <tr>
                  <th scope="col">{t("n")}</th>
                  <th scope="col">{t("statement")}</th>
                  <th scope="col">{t("meanStigma")}</th>
                  <th scope="col">{t("answers")}</th>
                </tr>
              </thead>
              <tbody>
                {audit.statements.map((s) => (
                  <tr key={s.n}>
                    <td className="mono">{s.n}</td>
                    <td className="item-text">{locale.startsWith("zh") ? s.zh : (s.en ?? s.zh)}</td>
                    <td className="mono">{formatMetric(s.meanStigma, "scale")}</td>
                    <td className="item-text">{s.answers.map((a) => a ?? "—").join(" | ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <p className="small muted">{t("itemsHidden")}</p>
      )}
    </>
  );
}
