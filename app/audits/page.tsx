import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditComparisons } from "@/components/audit/audit-comparisons";
import { getAppDb } from "@/lib/app-db";
import { auditFilterSchema } from "@/lib/audit/comparison";
import { loadScaleComparisons } from "@/lib/audit/load";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

export default async function AuditsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filter = auditFilterSchema.parse(await searchParams);
  const [t, comparisons] = await Promise.all([
    getTranslations("audit"),
    getAppDb().then((db) => loadScaleComparisons(db, { filter })),
  ]);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p className="notice small" data-testid="no-reported-values">
        {t("noReported")}
      </p>
      <AuditComparisons initial={comparisons} filter={filter} />
    </>
  );
}
