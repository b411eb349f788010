import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PromptMessages } from "@/components/compare/prompt-messages";
import { SuiteItemView } from "@/components/suite-item-view";
import { JsonText } from "@/components/ui/json-text";
import { getAppDb } from "@/lib/app-db";
import { runLetter } from "@/lib/compare/letters";
import { parseRunIds } from "@/lib/compare/load";
import { listComparedRuns, listComparisonItemsPage, listItemMessages } from "@/lib/db/queries/compare";
import { localized } from "@/lib/i18n/locale";
import { subsetName, subsetNames } from "@/lib/suites/subset-names";
import type { TaskKind } from "@/lib/suites/types";
import { isUuid } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ itemId: string }>; searchParams: Promise<Search> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("compare.itemPage"))("title") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** One item of a comparison (its permalink): the item and prompt once, then every run's answer, parse and score. */
export default async function ComparedItemPage({ params, searchParams }: Props) {
  const [{ itemId }, search] = await Promise.all([params, searchParams]);
  if (!isUuid(itemId)) notFound();
  const [t, locale, db] = await Promise.all([getTranslations("compare"), getLocale(), getAppDb()]);
  const runIds = parseRunIds(search.runs);
  // Only the runs, not the whole comparison: an item page stays cheap however long the runs are.
  const found = await listComparedRuns(db, { ids: runIds });
  if (runIds.length < 2 || found.length !== runIds.length || new Set(found.map((f) => f.run.suiteId)).size > 1) notFound();
  const data = {
    suite: { name: localized(found[0].suiteName, locale), taskKind: found[0].taskKind },
    runs: found.map((f) => ({ id: f.run.id, modelName: f.modelName })),
  };
  const sample = Number(first(search.sample) ?? 0) || 0;
  const { rows } = await listComparisonItemsPage(db, { runIds, kind: data.suite.taskKind, itemId, limit: 1000 });
  const row = rows.find((r) => r.sample === sample);
  if (!row) notFound();
  const messages = await listItemMessages(db, { rowIds: row.cells.map((c) => c.id) });
  const prompts = row.cells.map((c) => (messages.find((m) => m.id === c.id)?.messages ?? []) as unknown[]);
  const samePrompt = prompts.every((p) => JSON.stringify(p) === JSON.stringify(prompts[0]));
  const back = new URLSearchParams();
  for (const key of ["runs", "filter", "a", "b", "subset", "page"]) {
    const value = first(search[key]);
    if (value) back.set(key, value);
  }
  return (
    <>
      <p className="small">
        <Link href={`/compare?${back}`}>← {t("itemPage.back")}</Link>
      </p>
      <h1>
        {t("itemPage.title")} <span className="mono">{row.externalId}</span>
      </h1>
      <p className="muted small">
        {data.suite.name}
        {row.subset && ` · ${subsetName(subsetNames(found[0].suiteConfig), row.subset, locale)}`}
        {row.sample > 0 && ` · #${row.sample}`}
      </p>
      <section className="card">
        <SuiteItemView kind={data.suite.taskKind as TaskKind} input={row.input} gold={row.gold} />
      </section>
      <h2>{t("itemPage.prompt")}</h2>
      {samePrompt ? (
        <PromptMessages messages={prompts[0]} />
      ) : (
        <>
          <p className="notice small">{t("itemPage.promptsDiffer")}</p>
          {prompts.map((p, i) => (
            <details key={i}>
              <summary>{t("itemPage.promptOf", { run: `${runLetter(i)} · ${data.runs[i].modelName}` })}</summary>
              <PromptMessages messages={p} />
            </details>
          ))}
        </>
      )}
      <h2>{t("itemPage.answers")}</h2>
      <div className="audit-cards" data-testid="compare-answers">
        {row.cells.map((cell, i) => (
          <section key={cell.id} className="card" data-cell={runLetter(i)}>
            <h3 className="card-title">
              {runLetter(i)} · {data.runs[i].modelName}
            </h3>
            <pre className="item-text code-block">{cell.rawResponse ?? cell.error ?? "—"}</pre>
            <p className="small">
              {t("parsed")}:
            </p>
            <JsonText value={cell.parsed} />
            <p>
              {t("score")}: <b data-testid="cell-score">{cell.score === null ? cell.status : Number(cell.score.toFixed(4))}</b>
              {cell.outcome && cell.outcome !== "scored" && <span className="badge outcome-error"> {cell.outcome}</span>}
            </p>
            <p className="small">
              <Link href={`/runs/${data.runs[i].id}/items/${cell.id}`}>{t("itemPage.runItem")}</Link>
            </p>
          </section>
        ))}
      </div>
    </>
  );
}
