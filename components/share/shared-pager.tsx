import { getTranslations } from "next-intl/server";

/** Previous/next links of a shared page's items: plain links, so paging works without JavaScript. */
export async function SharedPager({ page, total, pageSize }: { page: number; total: number; pageSize: number }) {
  const t = await getTranslations("share.page");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="small" aria-label={t("items")}>
      {page > 1 && <a href={`?page=${page - 1}`}>{t("previous")}</a>} {t("pageOf", { page, pages })}{" "}
      {page < pages && <a href={`?page=${page + 1}`}>{t("next")}</a>}
    </nav>
  );
}
