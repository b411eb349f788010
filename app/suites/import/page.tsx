import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ImportForm } from "./import-form";
import { ImportFormats } from "./import-formats";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("suiteImport"))("title") };
}

export default async function ImportSuitePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, query] = await Promise.all([getTranslations("suiteImport"), searchParams]);
  const id = typeof query.id === "string" && query.id.length <= 63 ? query.id : "";
  return (
    <>
      <p className="small">
        <Link href="/suites">← {t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <ImportForm initialId={id} />
      <ImportFormats />
    </>
  );
}
