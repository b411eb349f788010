import { useTranslations } from "next-intl";
import { formatScore } from "@/lib/audit/format";
import type { RunAudit } from "@/lib/audit/run-audit";

/** Consistency of the model's answers, each number with what it does and does not measure. */
export function RunReliability({ audit }: { audit: RunAudit }) {
  const t = useTranslations("audit.run");
  const r = audit.reliability;
  return (
    <section className="card" aria-labelledby="reliability-title" data-testid="run-reliability">
      <h2 id="reliability-title">{t("reliability")}</h2>
      <dl className="kv reliability">
        <dt>{t("alpha")}</dt>
        <dd>
          <b>{formatScore(r.alpha)}</b>
          {r.alphaBySubscale.some((s) => s.value !== null) && (
            <span className="small muted">
              {" "}
              ({r.alphaBySubscale.map((s) => `${s.id} ${formatScore(s.value)}`).join(" · ")})
            </span>
          )}
          <div className="small muted">{t("alphaNote")}</div>
        </dd>
        <dt>{t("changeShare")}</dt>
        <dd>
          <b>{formatScore(r.changeShare)}</b>
          <div className="small muted">{t("changeShareNote")}</div>
        </dd>
        <dt>{t("acquiescence")}</dt>
        <dd>
          <b>{formatScore(r.acquiescence)}</b>
          <div className="small muted">{t("acquiescenceNote", { k: audit.scale.points })}</div>
        </dd>
        <dt>{t("biasGreedy")}</dt>
        <dd>
          <b>{formatScore(r.biasGreedy)}</b>
          <div className="small muted">{t("biasGreedyNote")}</div>
        </dd>
      </dl>
    </section>
  );
}
