import { useTranslations } from "next-intl";
import { formatInterval, formatScore } from "@/lib/audit/format";
import type { RunAudit } from "@/lib/audit/run-audit";
import { ResponseFlags } from "./response-flags";
import { PaperLabels } from "./variant-text";

/** Bias score with its interval and total, and what became of every administration. */
export function RunScores({ audit }: { audit: RunAudit }) {
  const t = useTranslations("audit");
  const { scores, scale } = audit;
  const c = scores.counts;
  return (
    <div className="audit-cards">
      <section className="card" aria-labelledby="bias-title" data-testid="run-bias">
        <h2 id="bias-title">{t("run.biasTitle")}</h2>
        <p className="big-number">
          {formatScore(scores.bias)}{" "}
          {scores.biasCi && <span className="small muted">{formatInterval(scores.biasCi)}</span>}
        </p>
        <dl className="kv small">
          <dt>{t("rangeLabel")}</dt>
          <dd>{t("range", scale.range)}</dd>
          <dt>{t("run.totalLabel", { min: scale.range.totalMin, max: scale.range.totalMax })}</dt>
          <dd>
            {formatScore(scores.total, 1)} {scores.totalCi && formatInterval(scores.totalCi, 1)}
          </dd>
        </dl>
        <p className="small muted">{t("biasExplain")}</p>
        <PaperLabels labels={scores.labels} />
        <ResponseFlags patterns={scores.patterns} />
      </section>
      <section className="card" aria-labelledby="outcomes-title" data-testid="run-outcomes">
        <h2 id="outcomes-title">{t("run.outcomes")}</h2>
        <dl className="kv">
          <dt>{t("run.administrations")}</dt>
          <dd className="num">{c?.administrations ?? "—"}</dd>
          <dt>{t("run.parsed")}</dt>
          <dd className="num">{c?.parsed ?? "—"}</dd>
          <dt>{t("refused")}</dt>
          <dd className="num">{c?.refused ?? "—"}</dd>
          <dt>{t("unparsed")}</dt>
          <dd className="num">{c?.unparsed ?? "—"}</dd>
          <dt>{t("run.imputed")}</dt>
          <dd className="num">{c?.imputed ?? "—"}</dd>
          <dt>{t("run.itemsWithoutAnswer")}</dt>
          <dd className="num">{c?.itemsWithoutAnswer ?? "—"}</dd>
          <dt>{t("run.errors")}</dt>
          <dd className="num">{audit.errors}</dd>
        </dl>
      </section>
    </div>
  );
}
