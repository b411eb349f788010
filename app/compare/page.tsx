import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ComparisonItemFilters } from "@/components/compare/comparison-item-filters";
import { ComparisonItemsTable } from "@/components/compare/comparison-items-table";
import { ComparisonView } from "@/components/compare/comparison-view";
import { RunPicker } from "@/components/compare/run-picker";
import { ShareButton } from "@/components/share/share-button";
import { pageCaller } from "@/lib/auth/page-caller";
import { Pager } from "@/components/pager";
import { getAppDb } from "@/lib/app-db";
import { computedComparison, loadComparedRuns, loadComparison, parseRunIds } from "@/lib/compare/load";
import type { Db } from "@/lib/db/client";
import { listComparedRuns, listComparisonItemsPage } from "@/lib/db/queries/compare";
import { listRunSubsets } from "@/lib/db/queries/run-items";
import { listRuns } from "@/lib/db/queries/runs";
import { isFinishedStatus } from "@/lib/runner/coverage";
import { comparisonItemsQuery } from "@/lib/validation/compare";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Search> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("compare"))("title") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ComparePage({ searchParams }: Props) {
  const search = await searchParams;
  const [t, locale, db, caller] = await Promise.all([getTranslations("compare"), getLocale(), getAppDb(), pageCaller()]);
  const runIds = parseRunIds(search.runs);
  // The runs and the first page of items come at once; the paired statistics over every item follow as soon as
  // they are computed (once per pair of runs: they are stored), so a first look at two 50,000-item runs waits on
  // nothing but its own page.
  const result = await loadComparedRuns(db, runIds, locale);
  const head = (
    <>
      <p className="small">
        <Link href="/runs">← {t("toRuns")}</Link>
      </p>
      <h1>
        {t("title")}
        {result.ok && <span className="muted"> · {result.suite.name}</span>}
      </h1>
      <p className="lead">{t("intro")}</p>
    </>
  );
  if (!result.ok) {
    const picker = await pickerFor(db, runIds);
    return (
      <>
        {head}
        {runIds.length === 0 ? (
          <p className="notice">{t("pickNone")}</p>
        ) : (
          <p className="notice notice-error" role="alert" data-testid="compare-refused">
            {t(`errors.${result.code}`)}
          </p>
        )}
        {picker}
      </>
    );
  }
  const { suite, runs, subsetNames } = result;
  const computed = await computedComparison(db, result);
  // A hand-edited query string falls back to the defaults rather than failing the page.
  const parsed = comparisonItemsQuery.safeParse({
    runs: runIds.join(","),
    page: first(search.page),
    filter: first(search.filter),
    a: first(search.a),
    b: first(search.b),
    subset: first(search.subset),
  });
  const query = parsed.success ? parsed.data : comparisonItemsQuery.parse({ runs: runIds.join(",") });
  const n = runIds.length;
  const pair = query.a === query.b || query.a >= n || query.b >= n ? { a: 0, b: 1 } : { a: query.a, b: query.b };
  const [{ rows, total }, subsets] = await Promise.all([
    listComparisonItemsPage(db, {
      runIds,
      kind: suite.taskKind,
      filter: query.filter,
      ...pair,
      subset: query.subset || undefined,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    }),
    listRunSubsets(db, { runId: runIds[0] }),
  ]);
  const base = new URLSearchParams({ runs: runIds.join(","), filter: query.filter, a: String(pair.a), b: String(pair.b) });
  if (query.subset) base.set("subset", query.subset);
  const hrefFor = (page: number) => `/compare?${new URLSearchParams({ ...Object.fromEntries(base), page: String(page) })}`;
  const back = `${base}&page=${query.page}`;
  const exportHref = (format: string) => `/api/compare/export?${new URLSearchParams({ runs: runIds.join(","), format })}`;
  return (
    <>
      {head}
      {(caller.kind === "researcher" || caller.kind === "admin") && (
        <div className="actions" data-testid="compare-share-bar">
          <ShareButton kind="comparison" target={{ runIds }} />
        </div>
      )}
      <nav className="actions small" aria-label={t("export")}>
        <span>{t("export")}:</span>
        <a className="button" href={exportHref("csv")} download data-testid="export-csv">
          {t("exportCsv")}
        </a>
        <a className="button" href={exportHref("json")} download data-testid="export-json">
          {t("exportJson")}
        </a>
      </nav>
      {computed ? (
        <ComparisonView data={computed} runHref={(id) => `/runs/${id}`} />
      ) : (
        <Suspense
          fallback={
            <div className="notice" role="status" data-testid="compare-computing">
              <p>{t("computing")}</p>
              {/* Streamed content replaces this with a script; without one, the computation still finishes and is kept. */}
              <noscript>
                <p className="small">{t("computingNoScript")}</p>
              </noscript>
            </div>
          }
        >
          <ComparisonSummary db={db} runIds={runIds} locale={locale} />
        </Suspense>
      )}
      <section aria-labelledby="compare-items-title">
        <h2 id="compare-items-title">{t("itemsTitle")}</h2>
        <ComparisonItemFilters
          runIds={runIds}
          runs={runs}
          subsets={subsets}
          subsetNames={subsetNames}
          state={{ filter: query.filter, ...pair, subset: query.subset ?? "" }}
        />
        <ComparisonItemsTable
          runs={runs}
          rows={rows}
          subsetNames={subsetNames}
          itemHref={(row) => `/compare/items/${row.itemId}?${back}${row.sample ? `&sample=${row.sample}` : ""}`}
        />
        <Pager page={query.page} pageSize={query.pageSize} total={total} hrefFor={hrefFor} />
      </section>
    </>
  );
}

/** With the runs given so far, the other finished runs of their suite to pick from. */
async function pickerFor(db: Db, runIds: string[]) {
  const known = await listComparedRuns(db, { ids: runIds });
  if (known.length === 0) return null;
  const suiteId = known[0].run.suiteId;
  const runs = (await listRuns(db, { suiteId, limit: 200 }))
    .filter((r) => isFinishedStatus(r.run.status))
    .map((r) => ({ id: r.run.id, modelName: r.modelName, label: r.run.label, createdAt: r.run.createdAt.toISOString() }));
  return <RunPicker runs={runs} selected={runIds} />;
}

/** The paired statistics over every item of the compared runs: streamed in once computed. */
async function ComparisonSummary({ db, runIds, locale }: { db: Db; runIds: string[]; locale: string }) {
  const result = await loadComparison(db, runIds, locale);
  // The runs were checked a moment ago; one deleted since then leaves the summary out rather than the page.
  if (!result.ok) return null;
  return <ComparisonView data={result.data} runHref={(id) => `/runs/${id}`} />;
}
