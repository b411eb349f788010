import { getTranslations } from "next-intl/server";
import type { LineageView } from "@/lib/series/lineage-view";
import { formatP, formatStageDifference, formatStageInterval, formatStageValue } from "./lineage-format";

const verdictClass = { no_difference: "", changed: "badge-reported", better: "badge-ok", worse: "badge-error" } as const;

/** The ChiMed 2.0 stage-by-stage table: a column per stage, a row per suite, each stage's change under its score. */
export async function LineageTable({ view }: { view: LineageView }) {
  const t = await getTranslations("lineage");
  if (view.rows.length === 0) return <p data-testid="lineage-empty">{t("noData")}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="lineage-table">
        <thead>
          <tr>
            <th>{t("suite")}</th>
            {view.stages.map((s, i) => (
              <th key={i} scope="col">
                {s.label}
                <div className="small muted">{s.modelName}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.suiteId} data-suite={row.suiteId}>
              <th scope="row">
                {row.name}
                <div className="small muted">
                  {row.metric}
                  {row.lowerIsBetter ? ` · ${t("lowerBetter")}` : ""}
                </div>
              </th>
              {row.cells.map((c, i) => (
                <td key={i} data-stage={i} data-testid="lineage-cell">
                  {c.gap === "no_run" ? (
                    <span className="muted" data-testid="stage-gap">
                      {t("noRun")}
                    </span>
                  ) : (
                    <>
                      <div className={c.gap ? "muted" : undefined} data-testid="stage-value">
                        {formatStageValue(c.cell?.value, row.taskKind)}
                      </div>
                      {c.cell?.ci && <div className="small muted">{formatStageInterval(c.cell.ci, row.taskKind)}</div>}
                      {c.gap === "other_settings" && (
                        <div className="small muted" data-testid="stage-gap">
                          {t("otherSettings")}
                        </div>
                      )}
                      {!c.gap && !c.step && <div className="small muted">{t("first")}</div>}
                      {c.step && (
                        <div className="small" data-testid="stage-step" data-verdict={c.step.verdict}>
                          <div>
                            {t("vs", { stage: view.stages[c.step.against].label })}:{" "}
                            <strong data-testid="stage-difference">{formatStageDifference(c.step.difference, row.taskKind)}</strong>
                            {c.step.metric !== row.metric && ` (${c.step.metric === "mean" ? t("itemMean") : c.step.metric})`}
                          </div>
                          <div className="muted">
                            {formatStageInterval(c.step.ci, row.taskKind, true)} · p = {formatP(c.step.pValue)} · {t("nItems", { n: c.step.n })}
                          </div>
                          <span className={`badge ${verdictClass[c.step.verdict]}`}>
                            {c.step.verdict === "no_difference"
                              ? t("notSignificant")
                              : c.step.verdict === "changed"
                                ? t("significant")
                                : `${t("significant")} · ${t(c.step.verdict)}`}
                          </span>
                        </div>
                      )}
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
