import { useTranslations } from "next-intl";
import { LicenceText } from "@/components/licence-text";
import type { AuditScaleInfo } from "@/lib/audit/scale-info";

/** Citation and licence of a scale: shown wherever the scale is (its licence asks for acknowledgement). */
export function ScaleNotice({ scale }: { scale: AuditScaleInfo }) {
  const t = useTranslations("audit");
  return (
    <dl className="kv small scale-notice" data-testid={`scale-notice-${scale.id}`}>
      {scale.citation && (
        <>
          <dt>{t("citation")}</dt>
          <dd>{scale.citation}</dd>
        </>
      )}
      <dt>{t("licence")}</dt>
      <dd>
        <LicenceText licence={scale.licence} />
      </dd>
      {scale.configLicence && (
        <>
          <dt>{t("licenceScale")}</dt>
          <dd>
            <LicenceText licence={scale.configLicence} />
          </dd>
        </>
      )}
    </dl>
  );
}

export function ScaleRange({ scale }: { scale: AuditScaleInfo }) {
  const t = useTranslations("audit");
  return (
    <p className="scale-range" data-testid={`scale-range-${scale.id}`}>
      {t("rangeLine", scale.range)}
    </p>
  );
}
