import { getTranslations } from "next-intl/server";
import { formatAlpha, formatShare } from "@/components/judges/format";
import { BradleyTerryTable } from "@/components/leaderboard/bradley-terry-table";
import { Field } from "@/components/ui/field";
import { getAppDb } from "@/lib/app-db";
import type { AlphaEstimate } from "@/lib/scoring/krippendorff";
import { loadStudyStats } from "@/lib/studies/preference-stats";
import { exportFormatIds } from "@/lib/validation/study-export";

// The query switches of GET /api/studies/<id>/export, each turning one default exclusion off.
const exportSwitches = [
  ["ties", "export.includeTies"],
  ["revoked", "export.includeRevoked"],
  ["flagged", "export.includeFlagged"],
] as const;

/** Agreement per task with bootstrap intervals, the Bradley–Terry ranking and the win-rate matrix of a study. */
export async function StudyStats({ studyId, scaleName }: { studyId: string; scaleName: (suiteId: string) => string }) {
  const [t, stats] = await Promise.all([getTranslations("preference"), loadStudyStats(await getAppDb(), { studyId })]);
  const rows: [string, AlphaEstimate][] = [
    ...stats.agreement.scales.map((s): [string, AlphaEstimate] => [t("scaleTask", { scale: scaleName(s.suiteId) }), s.estimate]),
    [t("pairTask"), stats.agreement.pairs],
    [t("correctnessTask"), stats.agreement.correctness],
    [t("safetyTask"), stats.agreement.safety],
  ];
  const { names, cells } = stats.winRates;
  const cell = (row: string, column: string) => cells.find((c) => c.row === row && c.column === column);
  return (
    <section aria-labelledby="study-stats" data-testid="study-stats">
      <h2 id="study-stats">{t("statsTitle")}</h2>
      <p className="small muted">{t("statsIntro", { excluded: stats.excludedRaters })}</p>
      <form className="form-row" method="get" action={`/api/studies/${studyId}/export`} data-testid="study-export" aria-label={t("export.title")}>
        <Field label={t("export.format")}>
          <select name="format" defaultValue="trl">
            {exportFormatIds.map((format) => (
              <option key={format} value={format}>
                {t(`export.formatNames.${format}`)}
              </option>
            ))}
          </select>
        </Field>
        {exportSwitches.map(([name, label]) => (
          <label key={name} className="radio">
            <input type="checkbox" name={name} value="1" /> {t(label)}
          </label>
        ))}
        <button type="submit" className="button button-primary">
          {t("export.download")}
        </button>
        <a className="button" href={`/api/studies/${studyId}/export?format=llamafactory&part=dataset_info`} download="dataset_info.json">
          {t("export.datasetInfo")}
        </a>
      </form>
      <p className="small muted">{t("export.defaults")}</p>
      <div className="table-scroll">
        <table data-testid="study-alpha">
          <thead>
            <tr>
              <th scope="col">{t("task")}</th>
              <th scope="col" className="num">{t("alpha")}</th>
              <th scope="col" className="num">{t("units")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, estimate]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{formatAlpha(estimate.alpha, estimate.interval)}</td>
                <td className="num">{estimate.pairableUnits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("rankingTitle")}</h3>
      <BradleyTerryTable ranking={stats.ranking} />
      {names.length > 1 && (
        <>
          <h3>{t("matrixTitle")}</h3>
          <p className="small muted">{t("matrixIntro")}</p>
          <div className="table-scroll">
            <table data-testid="win-rate-matrix">
              <thead>
                <tr>
                  <th scope="col">{t("rowBeats")}</th>
                  {names.map((n) => (
                    <th key={n} scope="col" className="num">
                      {n}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {names.map((row) => (
                  <tr key={row}>
                    <th scope="row">{row}</th>
                    {names.map((column) => {
                      const c = row === column ? null : cell(row, column);
                      return (
                        <td key={column} className="num">
                          {c && c.judgements > 0 ? `${formatShare(c.winRate)} (n = ${c.judgements})` : "—"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
