"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { isActiveStatus, type RunViewData } from "@/lib/api/runs";
import { localized } from "@/lib/i18n/locale";
import { isFinishedStatus } from "@/lib/runner/coverage";
import { LocalTime } from "@/components/ui/local-time";
import { QualityMarks } from "./quality-marks";
import { StatusBadge } from "./status-badge";
import { DeviceStatsList } from "@/components/browser/device-stats";

export function RunHeader({ view }: { view: RunViewData }) {
  const t = useTranslations("runs");
  const tq = useTranslations("quality");
  const tModels = useTranslations("models");
  const tCompare = useTranslations("compare");
  const tTask = useTranslations("task");
  const tb = useTranslations("browser");
  const locale = useLocale();
  const { run, model, suite, progress, cost } = view;
  return (
    <>
      <p className="small">
        <Link href="/runs">← {t("back")}</Link>
      </p>
      <h1 className="run-title">
        <span data-testid="run-model">{model.name}</span>
        {model.isBaseline && <span className="badge badge-provider-baseline">{tModels("provider.baseline")}</span>}
        {model.provider === "browser" && <span className="badge badge-provider-browser">{tModels("provider.browser")}</span>}
        <span className="muted"> · </span>
        <span data-testid="run-suite">{localized(suite.name, locale)}</span> <StatusBadge status={run.status} />
        {!isActiveStatus(run.status) && <QualityMarks basis={view.coverage} />}
      </h1>
      {isFinishedStatus(run.status) && (
        <p className="small">
          <Link href={`/compare?runs=${run.id}`} data-testid="compare-link">
            {tCompare("compareWith")}
          </Link>
        </p>
      )}
      {model.provider === "browser" && isActiveStatus(run.status) && (
        <p>
          <Link href={`/runs/${run.id}/browser`} className="button button-primary" data-testid="run-in-browser">
            {tb("runHere")}
          </Link>
        </p>
      )}
      {run.device && <DeviceStatsList device={run.device} />}
      {run.label && (
        <p className="run-label" data-testid="run-label">
          {run.label}
        </p>
      )}
      <dl className="kv card">
        <dt>{t("model")}</dt>
        <dd>
          {model.name} <span className="mono small muted">{model.modelId}</span>
        </dd>
        <dt>{t("suite")}</dt>
        <dd>
          <Link href={`/suites/${suite.id}`}>{suite.id}</Link> · {tTask(suite.taskKind as "mcq")}
        </dd>
        <dt>{t("licence")}</dt>
        <dd data-testid="suite-licence">{suite.licence}</dd>
        {suite.citation && (
          <>
            <dt>{t("citation")}</dt>
            <dd className="small item-text">{suite.citation}</dd>
          </>
        )}
        <dt>{t("created")}</dt>
        <dd>
          <LocalTime iso={run.createdAt} />
        </dd>
        {run.finishedAt && (
          <>
            <dt>{t("finished")}</dt>
            <dd>
              <LocalTime iso={run.finishedAt} />
            </dd>
          </>
        )}
        <dt>{tq("tokens")}</dt>
        <dd data-testid="run-tokens" title={tq("cachedFree")}>
          {tq("tokensValue", { prompt: progress.promptTokens, completion: progress.completionTokens })}
        </dd>
        {cost !== null && (
          <>
            <dt>{tq("cost")}</dt>
            <dd data-testid="run-cost">{cost.toLocaleString(locale, { maximumFractionDigits: 4 })}</dd>
          </>
        )}
        <dt>{t("configHash")}</dt>
        <dd className="mono small">{run.configHash.slice(0, 16)}</dd>
      </dl>
      <details className="card settings" data-testid="run-settings">
        <summary>{t("settings")}</summary>
        <dl className="kv small">
          {Object.entries(run.settings).map(([key, value]) => (
            <SettingRow key={key} name={key} value={value} />
          ))}
        </dl>
      </details>
    </>
  );
}

function SettingRow({ name, value }: { name: string; value: unknown }) {
  return (
    <>
      <dt className="mono">{name}</dt>
      <dd className="mono item-text">{JSON.stringify(value)}</dd>
    </>
  );
}
