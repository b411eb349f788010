import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/runs/status-badge";
import { formatInterval, formatMetric, keyMetric } from "@/components/runs/format";
import { QualityMarks } from "@/components/runs/quality-marks";
import type { ModelRun } from "@/lib/db/queries/model-page";
import { localized } from "@/lib/i18n/locale";
import { finishedRunBasis, isFinishedStatus } from "@/lib/runner/coverage";
import { PinButton } from "./pin-button";

const benchmarkSettings = ["shots", "template", "answerMode", "tokenizer", "samples", "temperature", "limit"] as const;
const scaleSettings = ["instruction", "order", "labels", "key", "samples", "temperature"] as const;
const perplexitySettings = ["contextChars", "strideChars", "limit"] as const;

/** A model's runs with the frozen settings of each; finished benchmark runs can be pinned to the leaderboard. */
export async function ModelRunsTable({ runs, locale, canPin }: { runs: readonly ModelRun[]; locale: string; canPin: boolean }) {
  const [t, tRuns, tForm, tBoard] = await Promise.all([
    getTranslations("modelPage"),
    getTranslations("runs"),
    getTranslations("runs.form"),
    getTranslations("board"),
  ]);
  const label = (name: string) => (name === "key" ? tBoard("setting.key") : tForm(name as "shots"));
  return (
    <div className="table-scroll">
      <table data-testid="model-runs">
        <thead>
          <tr>
            <th scope="col">{t("run")}</th>
            <th scope="col">{t("suite")}</th>
            <th scope="col">{t("status")}</th>
            <th scope="col">{t("settingsCol")}</th>
            <th scope="col" className="num">
              {t("metric")}
            </th>
            <th scope="col">{t("finished")}</th>
            {canPin && <th scope="col" />}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const metric = keyMetric[run.taskKind] ?? "accuracy";
            const names = run.taskKind === "scale" ? scaleSettings : run.taskKind === "perplexity" ? perplexitySettings : benchmarkSettings;
            const finished = isFinishedStatus(run.status);
            return (
              <tr key={run.id} data-testid="model-run">
                <th scope="row">
                  <Link href={run.taskKind === "scale" && finished ? `/audits/${run.id}` : `/runs/${run.id}`}>{run.label ?? run.id.slice(0, 8)}</Link>
                </th>
                <td>{localized(run.suiteName, locale)}</td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td className="small" data-testid="run-settings">
                  {names
                    .map((name) => `${label(name)}: ${run.settings[name] === null || run.settings[name] === undefined ? "—" : String(run.settings[name])}`)
                    .join(" · ")}
                  <div className={run.currentVersion ? "muted" : "warn-text"}>
                    {t("version", { version: `${run.suiteVersion.slice(0, 12)} (${run.currentVersion ? t("current") : t("outdated")})` })}
                  </div>
                </td>
                <td className="num">
                  {formatMetric(run.metrics?.[metric], run.taskKind)}
                  {run.ci?.[metric] && <div className="small muted">{formatInterval(run.ci[metric], run.taskKind)}</div>}
                  {finished && <QualityMarks basis={finishedRunBasis(run)} />}
                </td>
                <td className="small">{run.finishedAt ? run.finishedAt.toISOString().slice(0, 16).replace("T", " ") : "—"}</td>
                {canPin && (
                  <td>
                    {finished && run.taskKind !== "scale" && <PinButton runId={run.id} pinned={run.pinned} />}
                    {run.pinned && <div className="small muted">{t("pinnedNote")}</div>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
