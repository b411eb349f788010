import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NewStudyForm } from "@/components/studies/new-study-form";
import { getAppDb } from "@/lib/app-db";
import { requireCaller } from "@/lib/auth/page-caller";
import { listScaleSuites } from "@/lib/db/queries/audits";
import { listRateableRuns } from "@/lib/db/queries/studies";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studies"))("new") };
}

export default async function NewStudyPage() {
  await requireCaller("researcher", "/studies/new");
  const db = await getAppDb();
  const [t, scales, runs] = await Promise.all([getTranslations("studies"), listScaleSuites(db), listRateableRuns(db)]);
  return (
    <>
      <p className="small">
        <Link href="/studies">← {t("detail.back")}</Link>
      </p>
      <h1>{t("new")}</h1>
      <NewStudyForm
        scales={scales.map((s) => ({ id: s.id, name: s.name }))}
        runs={runs.map((r) => ({ id: r.id, label: r.label, suiteId: r.suiteId, suiteName: r.suiteName, modelName: r.modelName }))}
      />
    </>
  );
}
