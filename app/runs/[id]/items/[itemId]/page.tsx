import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { RunItemDetail } from "@/components/runs/run-item-detail";
import { getAppDb } from "@/lib/app-db";
import { getAdjacentRunItemIds, getRunItemDetail } from "@/lib/db/queries/run-items";
import { getSuite } from "@/lib/db/queries/suites";
import { subsetNames } from "@/lib/suites/subset-names";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string; itemId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("runs.item"))("title") };
}

/** Keeps the run page's filter, subset and page in the way back. */
function backSearch(search: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const key of ["filter", "subset", "page"]) {
    const value = search[key];
    if (typeof value === "string" && value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function RunItemPage({ params, searchParams }: Props) {
  const [{ id, itemId }, search] = await Promise.all([params, searchParams]);
  const numeric = Number(itemId);
  if (!Number.isSafeInteger(numeric)) notFound();
  const db = await getAppDb();
  const [detail, adjacent] = await Promise.all([
    getRunItemDetail(db, { runId: id, id: numeric }),
    getAdjacentRunItemIds(db, { runId: id, id: numeric }),
  ]);
  if (!detail) notFound();
  const [t, locale, suite] = await Promise.all([
    getTranslations("runs.item"),
    getLocale(),
    getSuite(db, { id: detail.suiteItem.suiteId }),
  ]);
  const back = backSearch(search);
  return (
    <>
      <p className="small">
        <Link href={`/runs/${id}${back}`}>← {t("back")}</Link>
      </p>
      <nav className="actions small" aria-label={t("title")}>
        {adjacent.previous !== null && (
          <Link href={`/runs/${id}/items/${adjacent.previous}${back}`} rel="prev" data-testid="item-previous">
            {t("previous")}
          </Link>
        )}
        {adjacent.next !== null && (
          <Link href={`/runs/${id}/items/${adjacent.next}${back}`} rel="next" data-testid="item-next">
            {t("next")}
          </Link>
        )}
      </nav>
      <h1>
        {t("title")} <span className="mono">{detail.suiteItem.externalId}</span>
      </h1>
      <RunItemDetail
        item={detail.item}
        suiteItem={detail.suiteItem}
        subsetNames={subsetNames(suite?.config)}
        locale={locale}
      />
    </>
  );
}
