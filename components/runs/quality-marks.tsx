import { useTranslations } from "next-intl";
import { UNRELIABLE_ERROR_SHARE } from "@/lib/runner/coverage";

export interface QualityBasis {
  itemsRun: number;
  suiteItems: number;
  partial: boolean;
  errorShare: number;
  unreliable: boolean;
}

/** The marks a number carries wherever it appears: "partial · 200 / 2,047" and "unreliable · 12% errors". */
export function QualityMarks({ basis }: { basis: QualityBasis | null }) {
  const t = useTranslations("quality");
  if (!basis || (!basis.partial && !basis.unreliable)) return null;
  return (
    <>
      {basis.partial && (
        <span
          className="badge badge-partial"
          data-testid="mark-partial"
          title={t("partialTitle", { run: basis.itemsRun, all: basis.suiteItems })}
        >
          {t("partial", { run: basis.itemsRun, all: basis.suiteItems })}
        </span>
      )}
      {basis.unreliable && (
        <span
          className="badge badge-unreliable"
          data-testid="mark-unreliable"
          title={t("unreliableTitle", { share: basis.errorShare, threshold: UNRELIABLE_ERROR_SHARE })}
        >
          {t("unreliable", { share: basis.errorShare })}
        </span>
      )}
    </>
  );
}
