import { getLocale, getTranslations } from "next-intl/server";
import { type SubsetNames, subsetName } from "@/lib/suites/subset-names";
import { compactJson } from "@/components/runs/format";
import type { SharedRunView } from "@/lib/share/projection";
import { SharedPager } from "./shared-pager";
import { ComparisonItemsTable } from "@/components/compare/comparison-items-table";
import type { SharedComparisonView } from "@/lib/share/project-comparison";

/** A shared run's items (answers as text), paged by plain links so it works without JavaScript. */
export async function SharedItems({ items, subsetNames }: { items: SharedRunView["items"]; subsetNames: SubsetNames }) {
  const [t, locale] = await Promise.all([getTranslations("share.page"), getLocale()]);
  if (!items) return <p className="small muted">{t("itemsHidden")}</p>;
  return (
    <section aria-labelledby="share-items">
      <h2 id="share-items">{t("items")}</h2>
      <div className="table-scroll">
        <table data-testid="share-items">
          <thead>
            <tr>
              <th scope="col">{t("n")}</th>
              <th scope="col">{t("itemId")}</th>
              <th scope="col">{t("subset")}</th>
              <th scope="col">{t("answer")}</th>
              <th scope="col">{t("parsed")}</th>
              <th scope="col">{t("scores")}</th>
            </tr>
          </thead>
          <tbody>
            {items.rows.map((row) => (
              <tr key={`${row.n}`}>
                <td className="mono">{row.n}</td>
                <td className="mono">
                  {row.externalId}
                  {row.sample > 0 ? ` #${row.sample}` : ""}
                </td>
                <td>{row.subset ? subsetName(subsetNames, row.subset, locale) : "—"}</td>
                <td className="item-text">{row.status === "error" ? t("errorStatus") : (row.answer ?? "—")}</td>
                <td className="mono">{compactJson(row.parsed, 120)}</td>
                <td className="mono">{compactJson(row.scores, 120)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SharedPager page={items.page} total={items.total} pageSize={items.pageSize} />
    </section>
  );
}

/** A shared comparison's items side by side (answers as text, clipped), when the link includes them. */
export async function SharedComparisonItems({ view }: { view: SharedComparisonView }) {
  const t = await getTranslations("share.page");
  if (!view.items) return <p className="small muted">{t("itemsHidden")}</p>;
  return (
    <section aria-labelledby="share-items">
      <h2 id="share-items">{t("items")}</h2>
      <ComparisonItemsTable runs={view.data.runs} rows={view.items.rows} subsetNames={view.data.subsetNames} />
      <SharedPager page={view.items.page} total={view.items.total} pageSize={view.items.pageSize} />
    </section>
  );
}
