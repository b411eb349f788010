import { useTranslations } from "next-intl";

/** Download links of an export route (plain links: they work without JavaScript and stream from the server). */
export function ExportLinks({ href }: { href: string }) {
  const t = useTranslations("share.export");
  return (
    <p className="small" data-testid="export-links">
      {t("title")}: <a href={`${href}?format=json`} download>JSON</a> · <a href={`${href}?format=csv`} download>CSV</a> ·{" "}
      <a href={`${href}?format=csv&part=summary`} download>{t("csvSummary")}</a> · <a href={`${href}?format=jsonl`} download>JSONL</a>
    </p>
  );
}
