import { useLocale, useTranslations } from "next-intl";
import { formatScore } from "@/lib/audit/format";
import type { Administration } from "@/lib/audit/item-table";
import { localized } from "@/lib/i18n/locale";

/** Each administration of one item: the raw answer as plain text, then how it was read and scored. */
export function AdministrationList({ administrations }: { administrations: Administration[] }) {
  const t = useTranslations("audit.run");
  const locale = useLocale();
  const outcomeOf = (a: Administration) => (a.status === "done" ? (a.outcome ?? "unparsed") : a.status === "error" ? "error" : "pending");
  return (
    <ol className="administrations">
      {administrations.map((a) => {
        const outcome = outcomeOf(a);
        return (
          <li key={a.sample} data-outcome={outcome}>
            <span className="muted mono small">{a.greedy ? t("greedy") : t("sample", { n: a.sample })}</span>{" "}
            <span className="raw-answer" data-testid="raw-answer">
              {a.raw ?? a.error ?? t("noAnswer")}
            </span>{" "}
            <span className={`badge outcome-${outcome}`}>
              {t.has(`outcome.${outcome}`) ? t(`outcome.${outcome}` as "outcome.error") : outcome}
            </span>
            {a.value !== null && (
              <span className="small">
                {" "}
                → <b>{a.label}</b>
                {a.option && a.label !== a.option.zh && a.label !== a.option.en && ` ${localized(a.option, locale)}`}
                {a.rule && <span className="muted"> ({t.has(`rule.${a.rule}`) ? t(`rule.${a.rule}` as "rule.letter") : a.rule})</span>}
                {" · "}
                {t("agreement", { a: a.value })}
              </span>
            )}
            {a.imputed && <span className="small"> · {t("imputedC")}</span>}
            {a.stigma !== null && <span className="small"> · {t("stigma", { s: formatScore(a.stigma, 0) })}</span>}
          </li>
        );
      })}
    </ol>
  );
}
