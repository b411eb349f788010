import { getTranslations } from "next-intl/server";
import { formatInterval, formatMetric } from "@/components/runs/format";
import { QualityMarks } from "@/components/runs/quality-marks";
import { shareHeadline } from "@/lib/share/headline";
import type { SharedModelView } from "@/lib/share/projection";
import { HeadlineChart } from "./headline-chart";

/** A shared model page: its finished runs as a plain table (settings, headline ± interval, marks) and a chart. */
export async function SharedModelSections({ view }: { view: SharedModelView }) {
  const [t, tPage, tForm, tBoard] = await Promise.all([getTranslations("modelPage"), getTranslations("share.page"), getTranslations("runs.form"), getTranslations("board")]);
  const label = (name: string) => (name === "key" ? tBoard("setting.key") : tForm(name as "shots"));
  const headline = shareHeadline(view, (name) => name.en);
  return (
    <>
      <dl className="kv">
        <dt>{t("provider")}</dt>
        <dd>{view.provider}</dd>
      </dl>
      {headline.bars.length > 0 && (
        <HeadlineChart metrics={headline.bars} taskKind={headline.taskKind} title={tPage("chart")} names={{}} />
      )}
      {view.runs.length === 0 ? (
        <p>{t("noRuns")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="shared-model-runs">
            <thead>
              <tr>
                <th scope="col">{t("run")}</th>
                <th scope="col">{t("suite")}</th>
                <th scope="col">{t("settingsCol")}</th>
                <th scope="col" className="num">{t("metric")}</th>
                <th scope="col">{t("finished")}</th>
              </tr>
            </thead>
            <tbody>
              {view.runs.map((run) => (
                <tr key={run.n}>
                  <th scope="row">{run.label ?? `#${run.n}`}</th>
                  <td>{run.suiteName}</td>
                  <td className="small">
                    {Object.entries(run.settings)
                      .map(([name, value]) => `${label(name)}: ${value === null ? "—" : String(value)}`)
                      .join(" · ")}
                    <div className={run.currentVersion ? "muted" : "warn-text"}>
                      {t("version", { version: `${run.suiteVersion} (${run.currentVersion ? t("current") : t("outdated")})` })}
                    </div>
                  </td>
                  <td className="num">
                    <span className="small muted">{run.headline.name} </span>
                    {formatMetric(run.headline.value, run.taskKind)}
                    {run.headline.ci && <div className="small muted">{formatInterval(run.headline.ci, run.taskKind)}</div>}
                    <QualityMarks basis={run.basis} />
                  </td>
                  <td className="small">{run.finishedAt ? `${run.finishedAt.slice(0, 16).replace("T", " ")} UTC` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
