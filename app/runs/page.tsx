import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NewRunForm } from "@/components/runs/new-run-form";
import { RunsList } from "@/components/runs/runs-list";
import { RunImportForm } from "@/components/share/run-import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("runs"))("title") };
}

export default async function RunsPage() {
  const t = await getTranslations("runs");
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <Link className="button" href="/suites/import">
          {t("importSuite")}
        </Link>
      </div>
      <p className="lead">{t("intro")}</p>
      <section className="card" aria-labelledby="new-run">
        <h2 id="new-run">{t("newRun")}</h2>
        <NewRunForm />
      </section>
      <RunImportForm />
      <h2>{t("listTitle")}</h2>
      <RunsList />
    </>
  );
}
