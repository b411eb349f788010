import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { SharedAuditSections } from "@/components/share/shared-audit";
import { SharedItems } from "@/components/share/shared-items";
import { SharedRunSections } from "@/components/share/shared-run";
import { getAppDb } from "@/lib/app-db";
import { localized } from "@/lib/i18n/locale";
import { countShareView } from "@/lib/db/queries/shares";
import { loadSharedView } from "@/lib/share/load";
import { formatMetric } from "@/components/runs/format";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function pageOf(search: Record<string, string | string[] | undefined>): number {
  const raw = Number(Array.isArray(search.page) ? search.page[0] : search.page);
  return Number.isInteger(raw) && raw >= 1 && raw <= 1_000_000 ? raw : 1;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ token }, search] = await Promise.all([params, searchParams]);
  const loaded = await loadSharedView(token, pageOf(search));
  if (!loaded) return { title: "404", robots: { index: false } };
  const [t, locale] = await Promise.all([getTranslations("share.page"), getLocale()]);
  const { view, share } = loaded;
  const title = `${view.settings.model} · ${localized(view.settings.suiteName, locale)}`;
  const description = view.metrics
    .slice(0, 4)
    .map((m) => `${m.name} ${formatMetric(m.value, view.settings.taskKind)}`)
    .join(" · ");
  const image = `/s/${encodeURIComponent(token)}/og`;
  return {
    title,
    description: `${view.kind === "audit" ? t("sharedAudit") : t("sharedRun")}: ${description}`,
    robots: share.public ? undefined : { index: false, follow: false },
    referrer: "no-referrer",
    openGraph: { title, description, type: "article", images: [{ url: image, width: 1200, height: 630, alt: title }] },
    twitter: { card: "summary_large_image", title, description, images: [image] },
  };
}

export default async function SharedPage({ params, searchParams }: Props) {
  const [{ token }, search] = await Promise.all([params, searchParams]);
  const page = pageOf(search);
  const loaded = await loadSharedView(token, page);
  if (!loaded) notFound();
  await countShareView(await getAppDb(), { id: loaded.share.id });
  const [t, locale] = await Promise.all([getTranslations("share.page"), getLocale()]);
  const { view } = loaded;
  return (
    <article data-testid="shared-page">
      <p className="small muted">{view.kind === "audit" ? t("sharedAudit") : t("sharedRun")}</p>
      <h1 className="run-title">
        {view.settings.model} · {localized(view.audit?.scaleName ?? view.settings.suiteName, locale)}
      </h1>
      <p className="notice small">{t("readOnly")}</p>
      <SharedRunSections view={view} />
      {view.audit && <SharedAuditSections audit={view.audit} />}
      {view.kind === "run" && <SharedItems items={view.items} />}
    </article>
  );
}
