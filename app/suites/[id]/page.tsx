import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/pager";
import { LicenceText } from "@/components/licence-text";
import { SuiteItemView } from "@/components/suite-item-view";
import { ContaminationPanel } from "@/components/suites/contamination-panel";
import { SuiteManage } from "@/components/suites/suite-manage";
import { TrainingExport } from "@/components/suites/training-export";
import { getAppDb } from "@/lib/app-db";
import { pageCaller } from "@/lib/auth/page-caller";
import { countSuiteItemsBySubset, getSuite, listSuiteItems } from "@/lib/db/queries/suites";
import { disabledSuiteIds } from "@/lib/env";
import { localized } from "@/lib/i18n/locale";
import type { TaskKind } from "@/lib/suites/types";
import { suiteItemsQuery } from "@/lib/validation/suites";
import { taskOf } from "@/lib/tasks/index";
import { subsetName, subsetNames } from "@/lib/suites/subset-names";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 20;

export default async function SuitePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { page, split } = suiteItemsQuery.parse(query);
  const db = await getAppDb();
  const suite = await getSuite(db, { id });
  if (!suite || disabledSuiteIds().has(id)) notFound();
  const [t, tTask, locale] = await Promise.all([getTranslations("suites"), getTranslations("task"), getLocale()]);
  const [{ rows, total }, subsets] = await Promise.all([
    listSuiteItems(db, { suiteId: id, split, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    countSuiteItemsBySubset(db, { suiteId: id }),
  ]);
  const hrefFor = (p: number) => `/suites/${id}?split=${split}&page=${p}`;
  const testSubsets = subsets.filter((s) => s.split === "test" && s.subset);
  const names = subsetNames(suite.config);
  // Both panels call researcher-only routes.
  const trainer = (await pageCaller()).kind === "anonymous" ? undefined : taskOf(suite.taskKind).trainer;
  return (
    <>
      <p className="small">
        <Link href="/suites">← {t("back")}</Link>
      </p>
      <h1>{localized(suite.name, locale)}</h1>
      <dl className="kv card">
        <dt>{t("id")}</dt>
        <dd className="mono">{suite.id}</dd>
        <dt>{t("kind")}</dt>
        <dd>{tTask(suite.taskKind as "mcq")}</dd>
        <dt>{t("items")}</dt>
        <dd>
          {suite.testCount.toLocaleString("en-US")}
          {suite.devCount > 0 && ` + ${suite.devCount} ${t("devSplit")}`}
        </dd>
        <dt>{t("licence")}</dt>
        <dd>
          <LicenceText licence={suite.licence} />
        </dd>
        <dt>{t("source")}</dt>
        <dd>{suite.source}</dd>
        {suite.citation && (
          <>
            <dt>{t("citation")}</dt>
            <dd>{suite.citation}</dd>
          </>
        )}
        <dt>{t("version")}</dt>
        <dd className="mono small">{suite.version.slice(0, 16)}</dd>
        {testSubsets.length > 0 && (
          <>
            <dt>{t("subsets")}</dt>
            <dd className="small">{testSubsets.map((s) => `${subsetName(names, s.subset!, locale)} ${s.n}`).join(" · ")}</dd>
          </>
        )}
      </dl>
      {!suite.bundled && <SuiteManage id={suite.id} name={suite.name} />}
      {trainer && <TrainingExport suiteId={suite.id} shape={trainer.shape} />}
      {trainer && <ContaminationPanel suiteId={suite.id} />}
      {suite.devCount > 0 && (
        <p className="small">
          {t("split")}:{" "}
          {(["test", "dev"] as const).map((s) => (
            <Link key={s} className="button" aria-current={s === split ? "page" : undefined} href={`/suites/${id}?split=${s}`}>
              {s === "test" ? t("test") : t("devSplit")}
            </Link>
          ))}
        </p>
      )}
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={hrefFor} />
      <ol className="item-list" data-testid="suite-items">
        {rows.map((row) => (
          <li key={row.id}>
            <div className="small muted mono">
              {row.externalId}
              {row.subset ? ` · ${row.subset}` : ""}
            </div>
            <SuiteItemView kind={suite.taskKind as TaskKind} input={row.input} gold={row.gold} />
          </li>
        ))}
      </ol>
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={hrefFor} />
    </>
  );
}
