import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Fragment } from "react";
import { QualityMarks } from "@/components/runs/quality-marks";
import type { LeaderboardSection } from "@/lib/leaderboard/build";

export async function LeaderboardTable({ section }: { section: LeaderboardSection }) {
  const [t, tTask, tMetric, tQuality] = await Promise.all([
    getTranslations("leaderboard"),
    getTranslations("task"),
    getTranslations("metric"),
    getTranslations("quality"),
  ]);
  const firstUnranked = section.rows.findIndex((row) => !row.ranked);
  const headingId = `leaderboard-${section.task}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{tTask.has(section.task) ? tTask(section.task as "mcq") : section.task}</h2>
      <div className="table-scroll">
        <table data-testid={`leaderboard-${section.task}`}>
          <thead>
            <tr>
              <th scope="col">{t("model")}</th>
              <th scope="col">{t("origin")}</th>
              {section.columns.map((c) => (
                <th scope="col" className="num" key={c.key}>
                  {c.benchmark}
                  <br />
                  <span className="muted small">{tMetric.has(c.metric) ? tMetric(c.metric as "f1") : c.metric}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row, i) => (
              <Fragment key={`${row.origin}-${row.model}-${row.source}`}>
                {i === firstUnranked && (
                  <tr className="unranked-row">
                    <th scope="rowgroup" colSpan={section.columns.length + 2}>
                      {tQuality("unranked")}
                    </th>
                  </tr>
                )}
                <tr data-testid="leaderboard-row" data-ranked={row.ranked}>
                  <th scope="row">
                    {row.origin === "measured" ? <Link href={`/runs/${row.source}`}>{row.model}</Link> : row.model}
                    <QualityMarks basis={row.basis} />
                  </th>
                  <td>
                    <span className={`badge badge-${row.origin}`} title={row.source}>
                      {t(row.origin)}
                    </span>
                  </td>
                  {section.columns.map((c) => (
                    <td className="num" key={c.key}>
                      {row.values[c.key] == null ? "—" : row.values[c.key]!.toFixed(2)}
                    </td>
                  ))}
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
