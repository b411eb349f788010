import Link from "next/link";
import { LicenceText } from "@/components/licence-text";
import { getLocale, getTranslations } from "next-intl/server";
import { getAppDb } from "@/lib/app-db";
import { listSuites } from "@/lib/db/queries/suites";
import { disabledSuiteIds } from "@/lib/env";
import { localized } from "@/lib/i18n/locale";

export const dynamic = "force-dynamic";

export default async function SuitesPage() {
  const [t, tTask, tImport, locale] = await Promise.all([
    getTranslations("suites"),
    getTranslations("task"),
    getTranslations("suiteImport"),
    getLocale(),
  ]);
  const disabled = disabledSuiteIds();
  const suites = (await listSuites(await getAppDb())).filter((s) => !disabled.has(s.id));
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p>
        <Link className="button" href="/suites/import">
          {tImport("title")}
        </Link>
      </p>
      <div className="table-scroll">
        <table data-testid="suites-table">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("kind")}</th>
              <th scope="col" className="num">
                {t("items")}
              </th>
              <th scope="col" className="num">
                {t("dev")}
              </th>
              <th scope="col">{t("licence")}</th>
              <th scope="col">{t("source")}</th>
            </tr>
          </thead>
          <tbody>
            {suites.map((suite) => (
              <tr key={suite.id} data-suite={suite.id}>
                <th scope="row">
                  <Link href={`/suites/${suite.id}`}>{localized(suite.name, locale)}</Link>
                  <div className="mono small muted">{suite.id}</div>
                </th>
                <td>{tTask(suite.taskKind as "mcq")}</td>
                <td className="num" data-testid="item-count">
                  {suite.testCount.toLocaleString("en-US")}
                </td>
                <td className="num">{suite.devCount > 0 ? suite.devCount.toLocaleString("en-US") : "—"}</td>
                <td className="small">
                  <LicenceText licence={suite.licence} />
                </td>
                <td className="small">
                  <SourceLink source={suite.source} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function SourceLink({ source }: { source: string }) {
  const url = source.match(/https?:\/\/\S+/)?.[0];
  if (!url) return <>{source}</>;
  return (
    <a href={url} rel="noreferrer noopener" target="_blank">
      {source}
    </a>
  );
}
