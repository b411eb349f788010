import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { getAppDb } from "@/lib/app-db";
import { requireCaller } from "@/lib/auth/page-caller";
import { listStudies } from "@/lib/db/queries/studies";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studies"))("title") };
}

export default async function StudiesPage() {
  await requireCaller("researcher", "/studies");
  const [t, studies] = await Promise.all([getTranslations("studies"), listStudies(await getAppDb())]);
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <Link className="button button-primary" href="/studies/new">
          {t("new")}
        </Link>
      </div>
      {studies.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t("form.title")}</th>
                <th>{t("status")}</th>
                <th>{t("raters")}</th>
                <th>{t("answered")}</th>
                <th>{t("created")}</th>
              </tr>
            </thead>
            <tbody>
              {studies.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/studies/${s.id}`}>{s.title}</Link>
                  </td>
                  <td>{s.status === "open" ? t("open") : t("closed")}</td>
                  <td>{s.raters}</td>
                  <td>
                    {s.answered} / {s.tasks}
                  </td>
                  <td>
                    <LocalTime iso={s.createdAt.toISOString()} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
