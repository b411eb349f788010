"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CleanScoresTable } from "@/components/suites/clean-scores-table";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { useContaminationIndexes, useContaminationReport } from "@/lib/api/contamination";
import { useSuites } from "@/lib/api/suites";

/**
 * The leaderboard's "with and without contaminated items" view: a suite and an indexed corpus give each finished
 * run's score over all items and over the clean ones. Kept apart from the board's own query.
 */
export function ContaminationSection() {
  const t = useTranslations("contamination");
  const all = useContaminationIndexes();
  // Only a ready index can be queried; those building or failed are managed on the suite page.
  const ready = all.data?.filter((i) => i.status === "ready");
  const suites = useSuites();
  const [suiteId, setSuiteId] = useState("");
  const [indexId, setIndexId] = useState("");
  const index = indexId || ready?.[0]?.id || null;
  const report = useContaminationReport(suiteId, suiteId ? index : null);
  if (!ready || ready.length === 0) return null;
  const r = report.data;
  return (
    <section aria-labelledby="board-contamination" data-testid="board-contamination">
      <h2 id="board-contamination">{t("boardTitle")}</h2>
      <p className="small muted">{t("boardIntro")}</p>
      <div className="form-row">
        <Field label={t("suite")}>
          <select value={suiteId} onChange={(e) => setSuiteId(e.target.value)}>
            <option value="">{t("pickSuite")}</option>
            {(suites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("corpus")}>
          <select value={index ?? ""} onChange={(e) => setIndexId(e.target.value)}>
            {ready.map((i) => (
              <option key={i.id} value={i.id}>
                {t("indexOption", { name: i.name, n: i.n, documents: i.documents })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ApiErrorView error={report.error} />
      {r && (
        <>
          <p className="small">
            {t("boardShare", { matched: r.questionAnswerMatches, items: r.items, share: `${(100 * r.questionAnswerShare).toFixed(1)}%` })}
          </p>
          <CleanScoresTable runs={r.runs} />
        </>
      )}
    </section>
  );
}
