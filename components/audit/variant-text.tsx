import { useTranslations } from "next-intl";
import type { AuditVariant } from "@/lib/audit/variant";

/** "paper instruction · shuffled order · letter labels", plus what else sets the run apart. */
export function variantText(t: ReturnType<typeof useTranslations<"audit">>, v: AuditVariant): string {
  const part = (ns: "instruction" | "order" | "labels", value: string) =>
    t.has(`${ns}.${value}`) ? t(`${ns}.${value}` as "order.published") : value;
  const parts = [part("instruction", v.instruction), part("order", v.order), part("labels", v.labels)];
  if (v.answerMode === "logprobs") parts.push(t("logprobs"));
  if (v.limit !== null) parts.push(t("partial", { n: v.limit }));
  return parts.join(" · ");
}

export function VariantText({ variant }: { variant: AuditVariant }) {
  const t = useTranslations("audit");
  return <span className="small">{variantText(t, variant)}</span>;
}

/** summary.labels, verbatim, wherever numbers computed with a paper-compatible option appear. */
export function PaperLabels({ labels }: { labels: readonly string[] }) {
  const t = useTranslations("audit");
  if (labels.length === 0) return null;
  return (
    <div className="paper-labels small" data-testid="paper-labels">
      <span className="badge badge-reported">{t("paperCompatible")}</span>{" "}
      {labels.map((label) => (
        <span key={label} lang="en" className="paper-label">
          {label}
        </span>
      ))}
    </div>
  );
}
