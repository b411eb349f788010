import { useTranslations } from "next-intl";
import { licenceSummaryKey } from "@/lib/suites/licence-summary";

/** A licence said in the reader's language, the original wording one click away; unknown licences as written. */
export function LicenceText({ licence }: { licence: string }) {
  const t = useTranslations("licence");
  const key = licenceSummaryKey(licence);
  if (!key) return <span className="item-text">{licence}</span>;
  return (
    <details className="licence" data-testid="licence">
      <summary>{t(`summary.${key}`)}</summary>
      <q className="small item-text">{licence}</q>
    </details>
  );
}
