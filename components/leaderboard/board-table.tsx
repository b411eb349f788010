import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Fragment, type ReactNode } from "react";
import { QualityMarks } from "@/components/runs/quality-marks";
import type { LeaderboardFilters } from "@/lib/leaderboard/filters";
import type { BoardCell, BoardColumn, BoardRow, BoardSection } from "@/lib/leaderboard/view";

/** A column another feature adds to every row (e.g. human preference); rendered after the suite columns. */
export interface ExtraBoardColumn {
  key: string;
  header: ReactNode;
  cell: (row: BoardRow, section: BoardSection) => ReactNode;
}

export interface BoardTableProps {
  section: BoardSection;
  /** The href of the view with these filters changed; without it headers do not sort and nothing links (read-only). */
  hrefFor?: (change: Partial<LeaderboardFilters>) => string;
  extraColumns?: readonly ExtraBoardColumn[];
}

const fmt = (value: number) => value.toFixed(2);

/** One task's table: rows in the order the view sorted them, partial or unreliable ones after a divider. */
export async function BoardTable({ section, hrefFor, extraColumns = [] }: BoardTableProps) {
  const [t, tBoard, tTask, tMetric, tQuality, tBrowser] = await Promise.all([
    getTranslations("leaderboard"),
    getTranslations("board"),
    getTranslations("task"),
    getTranslations("metric"),
    getTranslations("quality"),
    getTranslations("browser"),
  ]);
  const metricName = (metric: string) => (tMetric.has(metric) ? tMetric(metric as "f1") : metric);
  const firstUnranked = section.rows.findIndex((row) => !row.ranked);
  const headingId = `leaderboard-${section.task}`;
  const width = section.columns.length + 2 + extraColumns.length;

  const sortHeader = (key: string, label: ReactNode, plain: string, className?: string) => {
    const active = section.sort.key === key;
    const ariaSort = active ? (section.sort.dir === "asc" ? "ascending" : "descending") : undefined;
    const nextDir = active && section.sort.dir === "desc" ? "asc" : active ? "desc" : key === "model" ? "asc" : "desc";
    return (
      <th scope="col" className={className} key={key} aria-sort={ariaSort}>
        {hrefFor ? (
          <Link href={hrefFor({ sort: key, dir: nextDir })} data-testid={`sort-${key}`} title={tBoard("sortBy", { column: plain })}>
            {label}
            {active && <span aria-hidden="true">{section.sort.dir === "asc" ? " ▲" : " ▼"}</span>}
          </Link>
        ) : (
          label
        )}
      </th>
    );
  };

  const cellView = (row: BoardRow, column: BoardColumn, cell: BoardCell | undefined) => {
    if (!cell) return <td className="num" key={column.key}>—</td>;
    const value = hrefFor && cell.runId ? <Link href={`/runs/${cell.runId}`}>{fmt(cell.value)}</Link> : fmt(cell.value);
    const breakdown = hrefFor && cell.runId && (section.task === "mcq" || section.task === "ner");
    return (
      <td className="num" key={column.key} data-testid="board-cell" data-column={column.key}>
        {value}
        {cell.ci && <div className="small muted">{tBoard("interval", { low: fmt(cell.ci[0]), high: fmt(cell.ci[1]) })}</div>}
        {cell.n !== null && <div className="small muted">{tBoard("n", { n: cell.n })}</div>}
        {cell.runsInCell > 1 && <div className="small muted">{tBoard("runsInCell", { count: cell.runsInCell })}</div>}
        {cell.pinned && <span className="badge badge-measured">{tBoard("pinned")}</span>}
        <QualityMarks basis={cell.basis} />
        {breakdown && (
          <div className="small">
            <Link href={`/runs/${cell.runId}#subsets`} data-testid="board-breakdown">
              {section.task === "ner" ? tBoard("perType") : tBoard("perSubject")}
            </Link>
          </div>
        )}
      </td>
    );
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{tTask.has(section.task) ? tTask(section.task as "mcq") : section.task}</h2>
      <div className="table-scroll">
        <table data-testid={`leaderboard-${section.task}`}>
          <thead>
            <tr>
              {sortHeader("model", t("model"), t("model"))}
              <th scope="col">{t("origin")}</th>
              {section.columns.map((c) =>
                sortHeader(
                  c.key,
                  <>
                    {c.benchmark}
                    <br />
                    <span className="muted small">{metricName(c.metric)}</span>
                  </>,
                  `${c.benchmark} ${metricName(c.metric)}`,
                  "num",
                ),
              )}
              {extraColumns.map((extra) => (
                <th scope="col" key={extra.key}>
                  {extra.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row, i) => (
              <Fragment key={row.key}>
                {i === firstUnranked && (
                  <tr className="unranked-row">
                    <th scope="rowgroup" colSpan={width}>
                      {tQuality("unranked")}
                    </th>
                  </tr>
                )}
                <tr data-testid="leaderboard-row" data-ranked={row.ranked} data-origin={row.origin}>
                  <th scope="row">
                    {hrefFor && row.modelId ? <Link href={`/models/${row.modelId}`}>{row.model}</Link> : row.model}
                    {row.inBrowser && (
                      <span className="badge badge-provider-browser" data-testid="browser-run-mark">
                        {tBrowser("browserRun")}
                      </span>
                    )}
                  </th>
                  <td>
                    <span className={`badge badge-${row.origin}`} title={row.source ?? undefined}>
                      {t(row.origin)}
                    </span>
                    {row.differs.length > 0 && row.profile && (
                      <div className="small warn-text" data-testid="settings-differ">
                        {tBoard("differs", {
                          settings: row.differs.map((name) => `${tBoard(`setting.${name}`)} ${row.profile![name]}`).join(", "),
                        })}
                      </div>
                    )}
                    {row.oldVersion && (
                      <div className="small warn-text" data-testid="old-version">
                        {tBoard("oldVersion", { version: row.oldVersion })}
                      </div>
                    )}
                  </td>
                  {section.columns.map((c) => cellView(row, c, row.cells[c.key]))}
                  {extraColumns.map((extra) => (
                    <td key={extra.key}>{extra.cell(row, section)}</td>
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
