import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MetricName } from "@/components/runs/metric-name";
import { formatInterval, formatMetric } from "@/components/runs/format";
import type { ComparisonData } from "@/lib/compare/load";
import { runLetter } from "@/lib/compare/letters";
import { ComparisonCharts } from "./comparison-charts";
import { formatDiffInterval, formatDifference, formatP } from "./format";

/**
 * The comparison as plain data: runs with their metrics and intervals, the paired tests, agreement counts and
 * charts. No controls, so a shared page can render the same data read-only; `runHref` links each run's page
 * where the reader may open it (omit it on a shared page).
 */
export async function ComparisonView({ data, runHref }: { data: ComparisonData; runHref?: (id: string) => string }) {
  const t = await getTranslations("compare");
  const kind = data.suite.taskKind;
  const metrics = kind === "scale" ? Object.keys(data.runs[0].metrics) : data.metricNames;
  return (
    <>
      {data.differingSettings.length > 0 && (
        <p className="notice" data-testid="settings-differ">
          {t("settingsDiffer", { settings: data.differingSettings.map((s) => t(`setting.${s as "template"}`)).join(", ") })}
        </p>
      )}
      <section aria-labelledby="compare-runs">
        <h2 id="compare-runs">{t("runsTitle")}</h2>
        <div className="table-scroll">
          <table data-testid="compare-runs">
            <thead>
              <tr>
                <th scope="col">{t("run")}</th>
                {metrics.map((m) => (
                  <th key={m} scope="col" className="num">
                    <MetricName name={m} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.runs.map((run, i) => (
                <tr key={run.id} data-run={run.id}>
                  <th scope="row">
                    <b>{runLetter(i)}</b> {runHref ? <Link href={runHref(run.id)}>{run.modelName}</Link> : run.modelName}
                    {run.label && <div className="small muted">{run.label}</div>}
                    <div className="small muted mono">
                      {Object.entries(run.settings)
                        .map(([k, v]) => `${k}=${String(v)}`)
                        .join(" · ")}
                    </div>
                  </th>
                  {metrics.map((m) => (
                    <td key={m} className="num">
                      {formatMetric(run.metrics[m], kind)}
                      <div className="small muted">{formatInterval(run.ci[m], kind)}</div>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="compare-tests">
        <h2 id="compare-tests">{t("testsTitle")}</h2>
        <div className="table-scroll">
          <table data-testid="compare-tests">
            <thead>
              <tr>
                <th scope="col">{t("pair")}</th>
                <th scope="col">{t("metric")}</th>
                <th scope="col" className="num">{t("difference")}</th>
                <th scope="col" className="num">{t("diffCi")}</th>
                <th scope="col" className="num">{t("pValue")}</th>
                <th scope="col">{t("test")}</th>
              </tr>
            </thead>
            <tbody>
              {data.pairs.flatMap((pair) =>
                Object.entries(pair.tests).map(([metric, test]) => (
                  <tr key={`${pair.a}-${pair.b}-${metric}`} data-pair={`${pair.a}-${pair.b}`} data-metric={metric}>
                    <th scope="row">
                      {runLetter(pair.a)} ↔ {runLetter(pair.b)}
                    </th>
                    <td>{metric === "mean" ? t("meanMetric") : <MetricName name={metric} />}</td>
                    <td className="num" data-testid="difference">{formatDifference(test.difference, kind)}</td>
                    <td className="num">{formatDiffInterval(test.ci, kind)}</td>
                    <td className="num" data-testid="p-value">
                      {formatP(test.pValue)}
                      {test.pValue < 0.05 && <span className="badge badge-ok" title={t("significant")}>*</span>}
                    </td>
                    <td className="small">{t(`tests.${test.test}`)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="compare-agreement">
        <h2 id="compare-agreement">{t("agreementTitle")}</h2>
        <div className="table-scroll">
          <table data-testid="compare-agreement">
            <thead>
              <tr>
                <th scope="col">{t("pair")}</th>
                <th scope="col" className="num">{t("paired")}</th>
                {kind === "mcq" ? (
                  <>
                    <th scope="col" className="num">{t("bothRight")}</th>
                    <th scope="col" className="num">{t("bothWrong")}</th>
                    <th scope="col" className="num">{t("aRight")}</th>
                    <th scope="col" className="num">{t("bRight")}</th>
                  </>
                ) : (
                  <>
                    <th scope="col" className="num">{t("same")}</th>
                    <th scope="col" className="num">{t("aBetter")}</th>
                    <th scope="col" className="num">{t("bBetter")}</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {data.pairs.map(({ a, b, agreement: g }) => (
                <tr key={`${a}-${b}`} data-pair={`${a}-${b}`}>
                  <th scope="row">
                    {runLetter(a)} ↔ {runLetter(b)}
                  </th>
                  <td className="num">{g.n}</td>
                  {kind === "mcq" ? (
                    <>
                      <td className="num">{g.bothRight}</td>
                      <td className="num">{g.bothWrong}</td>
                      <td className="num" data-testid="a-right">{g.aBetter}</td>
                      <td className="num" data-testid="b-right">{g.bBetter}</td>
                    </>
                  ) : (
                    <>
                      <td className="num">{g.same}</td>
                      <td className="num">{g.aBetter}</td>
                      <td className="num">{g.bBetter}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="compare-charts">
        <h2 id="compare-charts">{t("chartsTitle")}</h2>
        <ComparisonCharts data={data} />
      </section>
    </>
  );
}
