import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { RunLive } from "@/components/runs/run-live";
import { getAppDb } from "@/lib/app-db";
import type { RunViewData } from "@/lib/api/runs";
import { getRunView } from "@/lib/runner/run-view";
import { runItemsQuery } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";

const loadView = cache(async (id: string) => getRunView(await getAppDb(), id));

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [t, view] = await Promise.all([getTranslations("runs"), loadView((await params).id)]);
  return { title: view ? `${view.model.name} · ${view.suite.id}` : t("title") };
}

export default async function RunPage({ params, searchParams }: Props) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const view = await loadView(id);
  if (!view) notFound();
  const first = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { filter, subset, page } = runItemsQuery.parse(first);
  // The client polls /api/runs/:id, which answers the same object through JSON.
  const initial = JSON.parse(JSON.stringify(view)) as RunViewData;
  return <RunLive id={id} initial={initial} itemsQuery={{ filter, subset: subset ?? "", page }} />;
}
