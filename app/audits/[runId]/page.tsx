import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CliniciansGap } from "@/components/audit/clinicians-panel";
import { ItemTable } from "@/components/audit/item-table";
import { RunReliability } from "@/components/audit/run-reliability";
import { RunScores } from "@/components/audit/run-scores";
import { ScaleNotice } from "@/components/audit/scale-notice";
import { SubscaleSection } from "@/components/audit/subscale-section";
import { variantText } from "@/components/audit/variant-text";
import { getAppDb } from "@/lib/app-db";
import { loadRunAudit } from "@/lib/audit/load";
import { loadClinicians } from "@/lib/audit/load-clinicians";
import { listScaleSuites } from "@/lib/db/queries/audits";
import { localized } from "@/lib/i18n/locale";
import { isFinishedStatus } from "@/lib/runner/coverage";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ runId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: `${t("title")} ${(await params).runId.slice(0, 8)}` };
}

export default async function RunAuditPage({ params }: Props) {
  const { runId } = await params;
  const db = await getAppDb();
  const audit = await loadRunAudit(db, { runId });
  if (!audit) notFound();
  const suite = (await listScaleSuites(db)).find((s) => s.id === audit.scale.id);
  const clinicians = suite ? await loadClinicians(db, suite, { key: "stigma" }) : null;
  const [t, locale] = await Promise.all([getTranslations("audit"), getLocale()]);
  const { scale, scores } = audit;
  const model = localized(scores.model.name, locale);
  const settings = audit.settings;
  return (
    <>
      <p className="small">
        <Link href="/audits">← {t("run.back")}</Link>
      </p>
      <h1 className="run-title">
        {t("run.title", { model, scale: localized(scale.name, locale) })}
        {scores.model.isBaseline && <span className="badge badge-reported">{t("baseline")}</span>}
      </h1>
      <p className="small">
        {variantText(t, scores.variant)} · {t("samples", { n: scores.variant.samples })}
        {typeof settings.seed === "number" && ` · ${t("run.seed", { n: settings.seed })}`}
        {typeof settings.temperature === "number" && ` · ${t("run.temperature", { t: settings.temperature })}`} ·{" "}
        <Link href={`/runs/${runId}`}>{t("run.runPage")}</Link>
      </p>
      <ScaleNotice scale={scale} />
      {!isFinishedStatus(audit.status) && (
        <p className="notice" role="status">
          {t("run.notCompleted", { status: audit.status })}
        </p>
      )}
      <RunScores audit={audit} />
      {scale.subscales.length > 0 && (
        <SubscaleSection scale={scale} testId="run-subscale-chart" entries={[{ id: runId, label: model, scores }]} />
      )}
      <RunReliability audit={audit} />
      {clinicians && <CliniciansGap items={audit.items} clinicians={clinicians} />}
      <ItemTable audit={audit} />
    </>
  );
}
