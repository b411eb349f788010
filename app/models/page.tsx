import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ModelsManager } from "@/components/models/models-manager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("models"))("title") };
}

export default async function ModelsPage() {
  const t = await getTranslations("models");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <ModelsManager />
    </>
  );
}
