import { getLocale, getTranslations } from "next-intl/server";
import type { ComparedRun } from "@/lib/compare/load";
import { runLetter } from "@/lib/compare/letters";
import { comparisonFilters } from "@/lib/validation/compare";
import { type SubsetNames, subsetName } from "@/lib/suites/subset-names";

export interface ItemFilterState {
  filter: (typeof comparisonFilters)[number];
  a: number;
  b: number;
  subset: string;
}

/** A plain GET form (works without JavaScript): which items, which two runs A and B are, which subset. */
export async function ComparisonItemFilters({
  runIds,
  runs,
  subsets,
  subsetNames,
  state,
}: {
  runIds: string[];
  runs: Pick<ComparedRun, "modelName">[];
  subsets: string[];
  subsetNames: SubsetNames;
  state: ItemFilterState;
}) {
  const [t, locale] = await Promise.all([getTranslations("compare"), getLocale()]);
  const runOptions = runs.map((r, i) => (
    <option key={i} value={i}>
      {runLetter(i)} · {r.modelName}
    </option>
  ));
  return (
    <form method="get" className="actions" data-testid="compare-filters">
      <input type="hidden" name="runs" value={runIds.join(",")} />
      <label>
        {t("filter")}{" "}
        <select name="filter" defaultValue={state.filter}>
          {comparisonFilters.map((f) => (
            <option key={f} value={f}>
              {t(`filters.${f}`)}
            </option>
          ))}
        </select>
      </label>
      {runs.length > 2 && (
        <>
          <label>
            {t("aRun")}{" "}
            <select name="a" defaultValue={state.a}>
              {runOptions}
            </select>
          </label>
          <label>
            {t("bRun")}{" "}
            <select name="b" defaultValue={state.b}>
              {runOptions}
            </select>
          </label>
        </>
      )}
      {subsets.length > 0 && (
        <label>
          {t("subset")}{" "}
          <select name="subset" defaultValue={state.subset}>
            <option value="">{t("allSubsets")}</option>
            {subsets.map((s) => (
              <option key={s} value={s}>
                {subsetName(subsetNames, s, locale)}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit">{t("apply")}</button>
    </form>
  );
}
