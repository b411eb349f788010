import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ModelRunsTable } from "@/components/leaderboard/model-runs";
import { ShareButton } from "@/components/share/share-button";
import { getAppDb } from "@/lib/app-db";
import { pageCaller } from "@/lib/auth/page-caller";
import { listModelRuns } from "@/lib/db/queries/model-page";
import { getModel } from "@/lib/db/queries/models";
import { getCheckpointOfModel } from "@/lib/db/queries/series";
import { localized } from "@/lib/i18n/locale";
import { displayModelName } from "@/lib/leaderboard/metrics";
import { withoutCredentials } from "@/lib/models/public-model";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const model = await getModel(await getAppDb(), { id: (await params).id });
  return { title: model ? displayModelName(model.name, model.provider, await getLocale()) : undefined };
}

/** Where the server lives, without credentials, path or query (a query string may carry a key). */
function serverOrigin(baseUrl: string | null): string | null {
  const url = withoutCredentials(baseUrl);
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** One model: its runs with their settings, the suites it was measured on and its bias audits. */
export default async function ModelPage({ params }: Props) {
  const { id } = await params;
  const db = await getAppDb();
  const [model, checkpoint, caller, locale, t, tSeries] = await Promise.all([
    getModel(db, { id }),
    getCheckpointOfModel(db, { modelId: id }),
    pageCaller(),
    getLocale(),
    getTranslations("modelPage"),
    getTranslations("series"),
  ]);
  if (!model) notFound();
  const runs = await listModelRuns(db, { modelId: model.id });
  const admin = caller.kind === "admin";
  const canPin = admin || caller.kind === "researcher";
  const suites = new Map<string, { name: string; taskKind: string; count: number }>();
  for (const run of runs) {
    const entry = suites.get(run.suiteId) ?? { name: localized(run.suiteName, locale), taskKind: run.taskKind, count: 0 };
    entry.count += 1;
    suites.set(run.suiteId, entry);
  }
  const audits = runs.filter((run) => run.taskKind === "scale");
  const benchmarkRuns = runs.filter((run) => run.taskKind !== "scale");
  return (
    <>
      <p className="small">
        <Link href={`/?model=${encodeURIComponent(model.name)}`}>← {t("backToBoard")}</Link>
      </p>
      <h1 data-testid="model-name">{displayModelName(model.name, model.provider, locale)}</h1>
      {canPin && (
        <div className="actions" data-testid="model-share-bar">
          <ShareButton kind="model" target={{ modelId: model.id }} />
        </div>
      )}
      {model.provider === "openai" && (
        <p data-testid="model-series-link">
          {checkpoint ? (
            <Link href={`/models/${checkpoint.seriesModelId}/series`}>{tSeries("partOf", { name: checkpoint.name })}</Link>
          ) : (
            <Link href={`/models/${model.id}/series`}>{tSeries("openSeries")}</Link>
          )}
        </p>
      )}
      <dl className="kv" data-testid="model-facts">
        <dt>{t("provider")}</dt>
        <dd>{model.provider}</dd>
        <dt>{t("modelRef")}</dt>
        <dd className="mono">{model.modelId ?? t("none")}</dd>
        {admin && (
          <>
            <dt>{t("endpoint")}</dt>
            <dd className="mono">{serverOrigin(model.baseUrl) ?? t("none")}</dd>
            <dt>{t("keyRef")}</dt>
            <dd className="mono">{model.apiKeyEnv ?? (model.apiKeyCiphertext ? t("storedKey") : t("none"))}</dd>
          </>
        )}
      </dl>

      <h2>{t("suites")}</h2>
      {suites.size === 0 ? (
        <p>{t("noRuns")}</p>
      ) : (
        <ul data-testid="model-suites">
          {[...suites.entries()].map(([suiteId, suite]) => (
            <li key={suiteId}>
              {suite.taskKind === "scale" ? (
                suite.name
              ) : (
                <Link href={`/?suite=${encodeURIComponent(suiteId)}&model=${encodeURIComponent(model.name)}`}>{suite.name}</Link>
              )}{" "}
              <span className="muted small">{t("runCount", { count: suite.count })}</span>
            </li>
          ))}
        </ul>
      )}

      {benchmarkRuns.length > 0 && (
        <>
          <h2>{t("runs")}</h2>
          <ModelRunsTable runs={benchmarkRuns} locale={locale} canPin={canPin} />
        </>
      )}

      {audits.length > 0 && (
        <>
          <h2>{t("audits")}</h2>
          <ModelRunsTable runs={audits} locale={locale} canPin={false} />
        </>
      )}
    </>
  );
}
