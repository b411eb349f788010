"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useRunJudges, useStartJudge } from "@/lib/api/judges";
import { useModels } from "@/lib/api/models";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { formatMean, formatShare } from "./format";
import { AgreementCells } from "./judge-agreement-cells";

/** Judge models' grades of this run beside its metrics, each labelled with its judge, and how far each agrees with clinicians. */
export function RunJudges({ runId }: { runId: string }) {
  const t = useTranslations("judges");
  const query = useRunJudges(runId);
  const models = useModels();
  const start = useStartJudge(runId);
  const judges = (models.data ?? []).filter((m) => m.provider === "openai");
  const [judgeId, setJudgeId] = useState("");
  const [mode, setMode] = useState<"pointwise" | "pairwise">("pointwise");
  const chosen = judgeId || judges[0]?.id || "";
  const data = query.data;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await start.mutateAsync({ judgeModelId: chosen, mode }).catch(() => {});
  }

  return (
    <section aria-labelledby="run-judges" data-testid="run-judges">
      <h2 id="run-judges">{t("title")}</h2>
      <p className="small muted">{t("intro")}</p>
      {data?.running && <p className="notice small">{t("running")}</p>}
      {data && data.judges.length > 0 && (
        <div className="table-scroll">
          <table data-testid="judge-scores">
            <thead>
              <tr>
                <th scope="col">{t("judge")}</th>
                <th scope="col" className="num">{t("correctness")}</th>
                <th scope="col" className="num">{t("safety")}</th>
                <th scope="col" className="num">{t("graded")}</th>
                <th scope="col" className="num">{t("unreadable")}</th>
                <th scope="col" className="num">{t("alphaCorrectness")}</th>
                <th scope="col" className="num">{t("agreementRate")}</th>
                <th scope="col" className="num">{t("sharedItems")}</th>
              </tr>
            </thead>
            <tbody>
              {data.judges.map((j) => (
                <tr key={j.judgeModelId}>
                  <th scope="row">{t("judgedBy", { judge: j.judgeName })}</th>
                  <td className="num">{formatMean(j.pointwise?.correctness ?? null)}</td>
                  <td className="num">{formatMean(j.pointwise?.safety ?? null)}</td>
                  <td className="num">{j.pointwise?.items ?? 0}</td>
                  <td className="num">{(j.pointwise?.unreadable ?? 0) + j.unreadablePairs}</td>
                  <AgreementCells agreement={j.agreement.correctness} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data?.judges.some((j) => j.pairwise.length > 0) && (
        <div className="table-scroll">
          <table data-testid="judge-pairs">
            <thead>
              <tr>
                <th scope="col">{t("judge")}</th>
                <th scope="col">{t("opponent")}</th>
                <th scope="col" className="num">{t("winRate")}</th>
                <th scope="col" className="num">{t("record")}</th>
                <th scope="col" className="num">{t("alphaPairs")}</th>
                <th scope="col" className="num">{t("agreementRate")}</th>
                <th scope="col" className="num">{t("sharedItems")}</th>
              </tr>
            </thead>
            <tbody>
              {data.judges.flatMap((j) =>
                j.pairwise.map((p, i) => (
                  <tr key={`${j.judgeModelId}-${p.opponentRunId}`}>
                    <th scope="row">{t("judgedBy", { judge: j.judgeName })}</th>
                    <td>{data.modelOf[p.opponentRunId] ?? p.opponentRunId}</td>
                    <td className="num">{formatShare(p.winRate)}</td>
                    <td className="num">{t("recordValue", { wins: p.wins, ties: p.ties, losses: p.losses })}</td>
                    {i === 0 ? <AgreementCells agreement={j.agreement.pairwise} /> : <td colSpan={3} />}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
      {data && data.judges.length === 0 && <p className="muted">{t("none")}</p>}
      <form className="form-row" onSubmit={submit}>
        <Field label={t("judgeModel")}>
          <select value={chosen} onChange={(e) => setJudgeId(e.target.value)} data-testid="judge-model">
            {judges.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("mode")}>
          <select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)} data-testid="judge-mode">
            <option value="pointwise">{t("pointwise")}</option>
            <option value="pairwise">{t("pairwise")}</option>
          </select>
        </Field>
        <button type="submit" className="button" disabled={!chosen || start.isPending} data-testid="judge-start">
          {t("start")}
        </button>
      </form>
      <ApiErrorView error={query.error ?? start.error ?? models.error} />
    </section>
  );
}
