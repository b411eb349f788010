import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LineageTable } from "@/components/lineages/lineage-table";
import { getAppDb } from "@/lib/app-db";
import { loadLineageView } from "@/lib/series/lineage-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lineage"))("title") };
}

export default async function LineagePage({ params }: Props) {
  const { id } = await params;
  const [db, locale, t] = await Promise.all([getAppDb(), getLocale(), getTranslations("lineage")]);
  const view = await loadLineageView(db, { id, locale });
  if (!view) notFound();
  return (
    <>
      <p className="small">
        <Link href="/lineages">← {t("back")}</Link>
      </p>
      <h1 data-testid="lineage-name">{view.lineage.name}</h1>
      <p className="lead">{t("tableIntro")}</p>
      <LineageTable view={view} />
    </>
  );
}
