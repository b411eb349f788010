import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ComparisonView } from "@/components/compare/comparison-view";
import { LeaderboardViewPanel } from "@/components/leaderboard/board-view";
import { SharedAuditSections } from "@/components/share/shared-audit";
import { SharedComparisonItems, SharedItems } from "@/components/share/shared-items";
import { SharedModelSections } from "@/components/share/shared-model";
import { SharedRunSections } from "@/components/share/shared-run";
import { getAppDb } from "@/lib/app-db";
import { localized } from "@/lib/i18n/locale";
import { countShareView } from "@/lib/db/queries/shares";
import { shareHeadline } from "@/lib/share/headline";
import { loadSharedView } from "@/lib/share/load";
import type { SharedView } from "@/lib/share/projection";
import { formatMetric } from "@/components/runs/format";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function pageOf(search: Record<string, string | string[] | undefined>): number {
  const raw = Number(Array.isArray(search.page) ? search.page[0] : search.page);
  return Number.isInteger(raw) && raw >= 1 && raw <= 1_000_000 ? raw : 1;
}

const KIND_LABEL = { run: "sharedRun", audit: "sharedAudit", comparison: "sharedComparison", model: "sharedModel", leaderboard: "sharedLeaderboard" } as const;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ token }, search, locale] = await Promise.all([params, searchParams, getLocale()]);
  const loaded = await loadSharedView(token, pageOf(search), locale);
  if (!loaded) return { title: "404", robots: { index: false } };
  const t = await getTranslations("share.page");
  const { view, share } = loaded;
  const headline = shareHeadline(view, (name) => localized(name, locale));
  const title = headline.title;
  const description = headline.bars
    .slice(0, 4)
    .map((m) => `${m.name} ${formatMetric(m.value, headline.taskKind)}`)
    .join(" · ");
  const image = `/s/${encodeURIComponent(token)}/og`;
  return {
    title,
    description: `${t(KIND_LABEL[view.kind])}: ${description}`,
    robots: share.public ? undefined : { index: false, follow: false },
    referrer: "no-referrer",
    openGraph: { title, description, type: "article", images: [{ url: image, width: 1200, height: 630, alt: title }] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

async function SharedBody({ view }: { view: SharedView }) {
  switch (view.kind) {
    case "comparison":
      return (
        <>
          <ComparisonView data={view.data} />
          <SharedComparisonItems view={view} />
        </>
      );
    case "model":
      return <SharedModelSections view={view} />;
    case "leaderboard":
      return <LeaderboardViewPanel view={view.view} />;
    default:
      return (
        <>
          <SharedRunSections view={view} />
          {view.audit && <SharedAuditSections audit={view.audit} />}
          {view.kind === "run" && <SharedItems items={view.items} subsetNames={view.subsetNames} />}
        </>
      );
  }
}

export default async function SharedPage({ params, searchParams }: Props) {
  const [{ token }, search, locale] = await Promise.all([params, searchParams, getLocale()]);
  const page = pageOf(search);
  const loaded = await loadSharedView(token, page, locale);
  if (!loaded) notFound();
  await countShareView(await getAppDb(), { id: loaded.share.id });
  const t = await getTranslations("share.page");
  const { view } = loaded;
  return (
    <article data-testid="shared-page" data-kind={view.kind}>
      <p className="small muted">{t(KIND_LABEL[view.kind])}</p>
      <h1 className="run-title">{shareHeadline(view, (name) => localized(name, locale)).title}</h1>
      <p className="notice small">{t("readOnly")}</p>
      <SharedBody view={view} />
    </article>
  );
}
