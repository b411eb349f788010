import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { SeriesCurves } from "@/components/series/series-curves";
import { AddCheckpointForm, SeriesRunForm, TrainingLogForm } from "@/components/series/series-forms";
import { getAppDb } from "@/lib/app-db";
import { listSuites } from "@/lib/db/queries/suites";
import { disabledSuiteIds } from "@/lib/env";
import { localized } from "@/lib/i18n/locale";
import { loadSeriesView } from "@/lib/series/series-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("series"))("title") };
}

/** A model's checkpoints, its suites' metrics against step with intervals, and its training losses. */
export default async function SeriesPage({ params }: Props) {
  const { id } = await params;
  const [db, locale, t] = await Promise.all([getAppDb(), getLocale(), getTranslations("series")]);
  const view = await loadSeriesView(db, { modelId: id, locale });
  if (!view) notFound();
  const disabled = disabledSuiteIds();
  const suites = (await listSuites(db)).filter((s) => !disabled.has(s.id)).map((s) => ({ id: s.id, name: localized(s.name, locale) }));
  return (
    <>
      <p className="small">
        <Link href={`/models/${view.model.id}`}>← {t("toModel")}</Link>
      </p>
      <h1>
        {t("title")} <span className="muted">· {view.model.name}</span>
      </h1>
      <p className="lead">{t("intro")}</p>

      <h2>{t("curves")}</h2>
      {view.suites.length === 0 ? <p>{t("noRuns")}</p> : <SeriesCurves suites={view.suites} logs={view.logs} />}

      <h2>{t("checkpoints")}</h2>
      {view.checkpoints.length === 0 ? (
        <p>{t("noCheckpoints")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="checkpoints">
            <thead>
              <tr>
                <th>{t("name")}</th>
                <th>{t("step")}</th>
                <th>{t("stage")}</th>
                <th>{t("servedAs")}</th>
              </tr>
            </thead>
            <tbody>
              {view.checkpoints.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/models/${c.modelId}`}>{c.name}</Link>
                  </td>
                  <td>{c.step}</td>
                  <td>{t(`stages.${c.stage as "pretrain"}`)}</td>
                  <td className="mono">{c.servedModelId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" aria-labelledby="add-checkpoint">
        <h2 id="add-checkpoint">{t("addCheckpoint")}</h2>
        <AddCheckpointForm modelId={view.model.id} />
      </section>
      {view.checkpoints.length > 0 && (
        <section className="card" aria-labelledby="series-run">
          <h2 id="series-run">{t("runTitle")}</h2>
          <p className="small muted">{t("runIntro")}</p>
          <SeriesRunForm modelId={view.model.id} suites={suites} />
        </section>
      )}

      <h2>{t("logs")}</h2>
      {view.logs.length === 0 ? (
        <p>{t("noLogs")}</p>
      ) : (
        <ul data-testid="training-logs">
          {view.logs.map((log) => (
            <li key={log.id}>
              {log.name} <span className="muted small">· {log.format} · {t("logSteps", { count: log.points.length })} · {log.metrics.join(", ")}</span>
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="import-log">
        <h2 id="import-log">{t("importLog")}</h2>
        <TrainingLogForm modelId={view.model.id} />
      </section>
    </>
  );
}
