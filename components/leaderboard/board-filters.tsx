import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FILL_RULES, filtersToQuery, ORIGINS } from "@/lib/leaderboard/filters";
import { TASK_ORDER } from "@/lib/leaderboard/metrics";
import type { LeaderboardView } from "@/lib/leaderboard/view";

/** The filters as a plain GET form: a filtered view is a link, and it works with JavaScript off. */
export async function BoardFilters({ view, action }: { view: LeaderboardView; action: string }) {
  const [tBoard, tTask] = await Promise.all([getTranslations("board"), getTranslations("task")]);
  const { filters } = view;
  const exportQuery = (format: string) => {
    const query = filtersToQuery(filters);
    return `/api/leaderboard?format=${format}&locale=${view.locale}${query ? `&${query}` : ""}`;
  };
  return (
    <form method="get" action={action} className="card" data-testid="board-filters" aria-label={tBoard("filters")}>
      <div className="form-row">
        <label className="field">
          <span className="field-label">{tBoard("task")}</span>
          <select name="task" defaultValue={filters.task}>
            <option value="">{tBoard("allTasks")}</option>
            {TASK_ORDER.map((task) => (
              <option key={task} value={task}>
                {tTask(task)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{tBoard("suite")}</span>
          <select name="suite" defaultValue={filters.suite}>
            <option value="">{tBoard("allSuites")}</option>
            {view.suites.map((suite) => (
              <option key={suite.id} value={suite.id}>
                {suite.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{tBoard("origin")}</span>
          <select name="origin" defaultValue={filters.origin}>
            {ORIGINS.map((origin) => (
              <option key={origin} value={origin}>
                {tBoard(`origin_${origin}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{tBoard("modelFilter")}</span>
          <input type="search" name="model" defaultValue={filters.model} maxLength={200} />
        </label>
        <label className="field">
          <span className="field-label">{tBoard("fill")}</span>
          <select name="fill" defaultValue={filters.fill}>
            {FILL_RULES.map((rule) => (
              <option key={rule} value={rule}>
                {tBoard(`fill_${rule}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {filters.sort && <input type="hidden" name="sort" value={filters.sort} />}
      {filters.sort && <input type="hidden" name="dir" value={filters.dir} />}
      <div className="actions">
        <button type="submit" className="button button-primary">
          {tBoard("apply")}
        </button>
        <Link href={action} className="button">
          {tBoard("clear")}
        </Link>
        <a className="button" href={exportQuery("csv")} data-testid="export-csv">
          {tBoard("exportCsv")}
        </a>
        <a className="button" href={exportQuery("json")} data-testid="export-json">
          {tBoard("exportJson")}
        </a>
      </div>
    </form>
  );
}
