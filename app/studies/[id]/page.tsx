import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { RevokeRater, StudyActions } from "@/components/studies/study-actions";
import { StudyStats } from "@/components/studies/study-stats";
import { LocalTime } from "@/components/ui/local-time";
import { getAppDb } from "@/lib/app-db";
import { requireCaller } from "@/lib/auth/page-caller";
import { listScaleSuites } from "@/lib/db/queries/audits";
import { isLocale, localeNames, localized } from "@/lib/i18n/locale";
import { loadStudyView } from "@/lib/studies/study-view";
import { isUuid } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("studies"))("title") };
}

export default async function StudyPage({ params }: Props) {
  const { id } = await params;
  await requireCaller("researcher", `/studies/${id}`);
  const db = await getAppDb();
  const view = isUuid(id) ? await loadStudyView(db, { id }) : null;
  if (!view) notFound();
  const [t, tf, locale, scales] = await Promise.all([getTranslations("studies"), getTranslations("studies.form"), getLocale(), listScaleSuites(db)]);
  const { study } = view;
  const scaleNames = new Map(scales.map((s) => [s.id, localized(s.name, locale)]));
  const scaleName = (suiteId: string) => scaleNames.get(suiteId) || suiteId;
  const orderLabel = { published: tf("orderPublished"), reversed: tf("orderReversed"), shuffled: tf("orderShuffled") };
  return (
    <>
      <p className="small">
        <Link href="/studies">← {t("detail.back")}</Link>
      </p>
      <h1 className="run-title">
        {study.title} <span className="badge badge-measured">{study.status === "open" ? t("open") : t("closed")}</span>
      </h1>
      <dl className="kv small">
        <dt>{tf("language")}</dt>
        <dd>{isLocale(study.language) ? localeNames[study.language] : study.language}</dd>
        <dt>{tf("scales")}</dt>
        <dd>{study.scaleSuiteIds.map(scaleName).join(" · ") || "—"}</dd>
        <dt>{t("detail.pair")}</dt>
        <dd>{view.models.map((m) => m.modelName).join(" · ") || "—"}</dd>
        <dt>{tf("itemsPerRater")}</dt>
        <dd>{study.itemsPerRater}</dd>
        <dt>{tf("ratersPerPair")}</dt>
        <dd>{study.ratersPerPair}</dd>
        <dt>{tf("optionOrder")}</dt>
        <dd>{orderLabel[study.optionOrder as keyof typeof orderLabel] ?? study.optionOrder}</dd>
        <dt>{tf("deadline")}</dt>
        <dd>
          <LocalTime iso={study.deadline?.toISOString() ?? null} />
        </dd>
      </dl>
      <StudyActions studyId={study.id} open={study.open} hasCohortLink={study.hasCohortLink} />
      <h2>{t("detail.progressRaters")}</h2>
      <p className="small muted">{t("detail.excludedNote")}</p>
      <div className="table-scroll">
        <table data-testid="rater-progress">
          <thead>
            <tr>
              <th>{t("detail.rater")}</th>
              <th>{t("detail.kind")}</th>
              <th>{t("detail.progress")}</th>
              <th>{t("detail.flags")}</th>
              <th>{t("detail.lastSeen")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.raters.map((r, i) => (
              <tr key={r.id}>
                <td>
                  {r.label ?? `#${i + 1}`} {r.revokedAt && <span className="badge badge-reported">{t("detail.revoked")}</span>}
                </td>
                <td>{r.kind === "personal" ? t("detail.personal") : t("detail.cohortIssued")}</td>
                <td>
                  {r.answered} / {r.tasks}
                </td>
                <td className="small warn-text">
                  {[
                    r.flags.responseSetScales.length > 0 ? t("detail.responseSet", { scales: r.flags.responseSetScales.map(scaleName).join(" · ") }) : null,
                    r.flags.sameSide ? t("detail.sameSide") : null,
                  ]
                    .filter(Boolean)
                    .join("; ")}
                </td>
                <td>
                  <LocalTime iso={r.lastSeenAt?.toISOString() ?? null} />
                </td>
                <td>{!r.revokedAt && <RevokeRater studyId={study.id} raterId={r.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.pairs.length > 0 && (
        <>
          <h2>{t("detail.progressPairs")}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t("detail.item")}</th>
                  <th>{t("detail.pair")}</th>
                  <th>{t("detail.given")}</th>
                  <th>{t("answered")}</th>
                </tr>
              </thead>
              <tbody>
                {view.pairs.map((p) => (
                  <tr key={`${p.itemId}:${p.runAId}:${p.runBId}`}>
                    <td className="mono">{p.externalId}</td>
                    <td>
                      {p.modelA} · {p.modelB}
                    </td>
                    <td>{p.given}</td>
                    <td>{p.answered}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <StudyStats studyId={study.id} scaleName={scaleName} />
    </>
  );
}
