import { getTranslations } from "next-intl/server";
import { compactJson } from "@/components/runs/format";
import type { SharedRunView } from "@/lib/share/projection";

/** A shared run's items (answers as text), paged by plain links so it works without JavaScript. */
export async function SharedItems({ items }: { items: SharedRunView["items"] }) {
  const t = await getTranslations("share.page");
  if (!items) return <p className="small muted">{t("itemsHidden")}</p>;
  const pages = Math.max(1, Math.ceil(items.total / items.pageSize));
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
                <td>{row.subset ?? "—"}</td>
                <td className="item-text">{row.status === "error" ? t("errorStatus") : (row.answer ?? "—")}</td>
                <td className="mono">{compactJson(row.parsed, 120)}</td>
                <td className="mono">{compactJson(row.scores, 120)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="small" aria-label={t("items")}>
        {items.page > 1 && <a href={`?page=${items.page - 1}`}>{t("previous")}</a>} {t("pageOf", { page: items.page, pages })}{" "}
        {items.page < pages && <a href={`?page=${items.page + 1}`}>{t("next")}</a>}
      </nav>
    </section>
  );
}
