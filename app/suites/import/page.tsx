import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ImportForm } from "./import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("suiteImport"))("title") };
}

export default async function ImportSuitePage() {
  const t = await getTranslations("suiteImport");
  return (
    <>
      <p className="small">
        <Link href="/suites">← {t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <ImportForm />
    </>
  );
}
