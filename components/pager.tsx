import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function Pager({
  page,
  pageSize,
  total,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  const t = await getTranslations("pagination");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label="pagination">
      <PagerLink href={hrefFor(page - 1)} disabled={page <= 1} label={t("previous")} />
      <span className="muted small" data-testid="pager-status">
        {t("page", { page, pages })} · {t("showing", { from, to, total })}
      </span>
      <PagerLink href={hrefFor(page + 1)} disabled={page >= pages} label={t("next")} />
    </nav>
  );
}

function PagerLink({ href, disabled, label }: { href: string; disabled: boolean; label: string }) {
  if (disabled) {
    return (
      <span className="button" aria-disabled="true">
        {label}
      </span>
    );
  }
  return (
    <Link className="button" href={href}>
      {label}
    </Link>
  );
}
