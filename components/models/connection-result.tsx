"use client";

import { useTranslations } from "next-intl";
import type { ConnectionCheck } from "@/lib/api/models";

/** Exactly what the server answered to the connection test; the sample answer is model output, so text only. */
export function ConnectionResult({ check }: { check: ConnectionCheck }) {
  const t = useTranslations("models");
  return (
    <div className={`card connection ${check.ok ? "connection-ok" : "connection-failed"}`} role="status" data-testid="connection-result">
      <p>
        <span className={`badge ${check.ok ? "badge-ok" : "badge-error"}`}>{check.ok ? t("connectionOk") : t("connectionFailed")}</span>
      </p>
      <dl className="kv small">
        <dt>{t("status")}</dt>
        <dd className="mono">{check.status ?? "—"}</dd>
        <dt>{t("latency")}</dt>
        <dd>{t("ms", { ms: check.latencyMs })}</dd>
        <dt>{t("serverModels")}</dt>
        <dd data-testid="connection-models">
          {check.models === undefined ? (
            <span className="muted">{t("noModelList")}</span>
          ) : check.models.length === 0 ? (
            "—"
          ) : (
            <ul className="plain-list mono">
              {check.models.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </dd>
        {check.sample !== undefined && (
          <>
            <dt>{t("sample")}</dt>
            <dd className="item-text" data-testid="connection-sample">
              {check.sample}
            </dd>
          </>
        )}
        {check.error && (
          <>
            <dt>{t("error")}</dt>
            <dd className="item-text error-text">{check.error}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
