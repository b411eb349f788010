import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RunItemDetail } from "@/components/runs/run-item-detail";
import { getAppDb } from "@/lib/app-db";
import { getRunItemDetail } from "@/lib/db/queries/run-items";

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
  const detail = await getRunItemDetail(await getAppDb(), { runId: id, id: numeric });
  if (!detail) notFound();
  const t = await getTranslations("runs.item");
  return (
    <>
      <p className="small">
        <Link href={`/runs/${id}${backSearch(search)}`}>← {t("back")}</Link>
      </p>
      <h1>
        {t("title")} <span className="mono">{detail.suiteItem.externalId}</span>
      </h1>
      <RunItemDetail item={detail.item} suiteItem={detail.suiteItem} />
    </>
  );
}
