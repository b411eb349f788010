"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { type RunItemFilter, type RunItemsQuery, useRunItems } from "@/lib/api/runs";
import { ApiErrorView } from "@/components/ui/api-error";
import { ClientPager } from "@/components/ui/client-pager";
import { Field } from "@/components/ui/field";
import { type SubsetNames, subsetName } from "@/lib/suites/subset-names";
import { RunItemsTable } from "./run-items-table";

const filters: RunItemFilter[] = ["all", "wrong", "error", "unparsed", "refused"];
const PAGE_SIZE = 25;

export function itemsSearch(query: Pick<RunItemsQuery, "filter" | "subset" | "page">): string {
  const params = new URLSearchParams();
  if (query.filter !== "all") params.set("filter", query.filter);
  if (query.subset) params.set("subset", query.subset);
  if (query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The run's rows, a page at a time from the server; the filter lives in the URL so links and Back keep it. */
export function RunItems({
  runId,
  initial,
  live,
  status,
  subsetNames,
}: {
  runId: string;
  initial: Pick<RunItemsQuery, "filter" | "subset" | "page">;
  live: boolean;
  status: string;
  subsetNames?: SubsetNames;
}) {
  const t = useTranslations("runs.items");
  const locale = useLocale();
  const [query, setQuery] = useState<RunItemsQuery>({ ...initial, pageSize: PAGE_SIZE });
  const items = useRunItems(runId, query, { live, status });
  const search = itemsSearch(query);

  useEffect(() => {
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}`);
  }, [search]);

  const change = (patch: Partial<RunItemsQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  const subsets = items.data?.subsets ?? [];
  return (
    <section aria-labelledby="run-items">
      <h2 id="run-items">{t("title")}</h2>
      <div className="form-row">
        <Field label={t("filter")}>
          <select value={query.filter} onChange={(e) => change({ filter: e.target.value as RunItemFilter })}>
            {filters.map((f) => (
              <option key={f} value={f}>
                {t(`filters.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        {subsets.length > 0 && (
          <Field label={t("subset")}>
            <select value={query.subset} onChange={(e) => change({ subset: e.target.value })}>
              <option value="">{t("allSubsets")}</option>
              {subsets.map((s) => (
                <option key={s} value={s}>
                  {subsetName(subsetNames, s, locale)}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <ApiErrorView error={items.error} />
      {items.data && (
        <>
          <ClientPager
            page={query.page}
            pageSize={PAGE_SIZE}
            total={items.data.total}
            busy={items.isFetching}
            onPage={(page) => setQuery((q) => ({ ...q, page }))}
          />
          {items.data.items.length === 0 ? (
            <p className="muted" data-testid="items-empty">
              {t("empty")}
            </p>
          ) : (
            <RunItemsTable runId={runId} rows={items.data.items} search={search} subsetNames={subsetNames} />
          )}
        </>
      )}
    </section>
  );
}
