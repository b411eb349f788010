import { useTranslations } from "next-intl";
import type { RunScores } from "@/lib/audit/run-row";
import { ORDER_EFFECT_SHARE, RESPONSE_SET_SHARE } from "@/lib/scoring/scale-quality";

/** The response-set and order-effect flags of one scale run, when they apply. */
export function ResponseFlags({ patterns }: { patterns: RunScores["patterns"] }) {
  const t = useTranslations("quality");
  if (!patterns || (!patterns.responseSet && !patterns.orderDominates)) return null;
  return (
    <>
      {patterns.responseSet && (
        <p className="notice notice-error small" role="note" data-testid="flag-response-set">
          {t("responseSet", { share: patterns.sameOptionShare ?? 0, threshold: RESPONSE_SET_SHARE })}
        </p>
      )}
      {patterns.orderDominates && (
        <p className="notice notice-error small" role="note" data-testid="flag-order-effect">
          {t("orderEffect", { effect: patterns.orderEffect ?? 0, threshold: ORDER_EFFECT_SHARE })}
        </p>
      )}
    </>
  );
}

/** "8 of 10 items · pro-rated" under a subscale value. */
export function SubscaleBasisNote({ answered, items, prorated }: { answered: number | null; items: number | null; prorated: boolean }) {
  const t = useTranslations("quality");
  if (answered === null || items === null) return null;
  return (
    <div className="small muted" data-testid="subscale-basis">
      {t("itemsBehind", { answered, items })}
      {prorated && (
        <span className="badge badge-partial" title={t("proratedTitle", { answered, items })} data-testid="subscale-prorated">
          {t("prorated")}
        </span>
      )}
    </div>
  );
}
