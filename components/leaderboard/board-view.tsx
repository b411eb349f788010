import { getTranslations } from "next-intl/server";
import type { LeaderboardFilters } from "@/lib/leaderboard/filters";
import type { LeaderboardView } from "@/lib/leaderboard/view";
import { BoardTable, type ExtraBoardColumn } from "./board-table";

/**
 * A leaderboard view as the reader sees it: one table per task, the fill rule in effect and the sources of the
 * reported rows with their protocol. Presentational: without `hrefFor` it renders read-only (no sort links, no
 * links to runs or models), as a shared page needs.
 */
export async function LeaderboardViewPanel({
  view,
  hrefFor,
  extraColumns,
}: {
  view: LeaderboardView;
  hrefFor?: (change: Partial<LeaderboardFilters>) => string;
  extraColumns?: readonly ExtraBoardColumn[];
}) {
  const [t, tBoard] = await Promise.all([getTranslations("leaderboard"), getTranslations("board")]);
  const hasMeasured = view.sections.some((s) => s.rows.some((r) => r.origin === "measured"));
  return (
    <div data-testid="leaderboard-view">
      {hasMeasured && (
        <p className="small muted" data-testid="fill-rule">
          {tBoard("fillInEffect", { rule: tBoard(`fill_${view.fill}`) })}
        </p>
      )}
      {view.sections.length === 0 && <p data-testid="board-empty">{tBoard("noMatch")}</p>}
      {view.sections.map((section) => (
        <BoardTable key={section.task} section={section} hrefFor={hrefFor} extraColumns={extraColumns} />
      ))}
      {view.sources.length > 0 && (
        <div className="small muted" data-testid="reported-source">
          <span className="badge badge-reported">{t("reported")}</span> {t("source")}:
          <ul>
            {view.sources.map(({ source, tasks }) => (
              <li key={source}>
                {tBoard("protocolOf", {
                  source,
                  protocol: tasks.map((task) => (tBoard.has(`protocol.${task}`) ? tBoard(`protocol.${task}`) : task)).join("; "),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
