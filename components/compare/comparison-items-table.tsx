import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { compactJson } from "@/components/runs/format";
import type { ComparedRun } from "@/lib/compare/load";
import { runLetter } from "@/lib/compare/letters";
import type { ComparisonRow } from "@/lib/db/queries/compare";
import { type SubsetNames, subsetName } from "@/lib/suites/subset-names";

/**
 * A page of compared items: the item once, then each run's answer (as text, clipped), parse and score.
 * `itemHref` gives each item its permalink; omit it where items have no page of their own.
 */
export async function ComparisonItemsTable({
  runs,
  rows,
  subsetNames,
  itemHref,
}: {
  runs: Pick<ComparedRun, "id" | "modelName">[];
  rows: ComparisonRow[];
  subsetNames: SubsetNames;
  itemHref?: (row: ComparisonRow) => string;
}) {
  const [t, locale] = await Promise.all([getTranslations("compare"), getLocale()]);
  if (rows.length === 0) return <p className="muted">{t("empty")}</p>;
  return (
    <div className="table-scroll">
      <table data-testid="compare-items">
        <thead>
          <tr>
            <th scope="col">{t("item")}</th>
            {runs.map((run, i) => (
              <th key={run.id} scope="col">
                {runLetter(i)} · {run.modelName}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.itemId}:${row.sample}`} data-item={row.externalId}>
              <th scope="row">
                {itemHref ? <Link href={itemHref(row)} className="mono">{row.externalId}</Link> : <span className="mono">{row.externalId}</span>}
                {row.sample > 0 && <span className="small muted"> #{row.sample}</span>}
                {row.subset && <div className="small muted">{subsetName(subsetNames, row.subset, locale)}</div>}
                <div className="small item-text">{compactJson(row.input.question ?? row.input.text ?? row.input, 120)}</div>
              </th>
              {row.cells.map((cell, i) => (
                <td key={i} data-cell={runLetter(i)}>
                  <div className="item-text small">{cell.rawResponse === null ? "—" : compactJson(cell.rawResponse, 200)}</div>
                  <div className="small muted">
                    {t("parsed")}: <span className="mono">{compactJson(cell.parsed, 60)}</span>
                  </div>
                  <div className="small">
                    {t("score")}: <b data-testid="cell-score">{cell.score === null ? cell.status : Number(cell.score.toFixed(4))}</b>
                    {cell.outcome && cell.outcome !== "scored" && <span className="badge outcome-error"> {cell.outcome}</span>}
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
