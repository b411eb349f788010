import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LineageForm } from "@/components/lineages/lineage-form";
import { getAppDb } from "@/lib/app-db";
import { listLineages } from "@/lib/db/queries/lineages";
import { listModels } from "@/lib/db/queries/models";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lineage"))("title") };
}

export default async function LineagesPage() {
  const [db, t] = await Promise.all([getAppDb(), getTranslations("lineage")]);
  const [lineages, models] = await Promise.all([listLineages(db), listModels(db)]);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <h2>{t("list")}</h2>
      {lineages.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <ul data-testid="lineages">
          {lineages.map((l) => (
            <li key={l.id}>
              <Link href={`/lineages/${l.id}`}>{l.name}</Link>
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="new-lineage">
        <h2 id="new-lineage">{t("create")}</h2>
        <LineageForm models={models.filter((m) => m.provider !== "baseline").map((m) => ({ id: m.id, name: m.name }))} />
      </section>
    </>
  );
}
