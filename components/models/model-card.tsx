"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type ModelRow, useDeleteModel, useTestConnection } from "@/lib/api/models";
import { ApiErrorView } from "@/components/ui/api-error";
import { ConnectionResult } from "./connection-result";
import { ModelForm } from "./model-form";
import { ProviderBadge } from "./provider-badge";

export function ModelCard({ model }: { model: ModelRow }) {
  const t = useTranslations("models");
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const test = useTestConnection();
  const remove = useDeleteModel(model.id);
  const params = Object.entries(model.params as Record<string, unknown>);
  const editable = model.provider === "openai";
  // An ONNX model on this server is tested (loaded, a short answer) and removed like a server's, not edited.
  const testable = editable || model.provider === "onnx-local";

  if (editing) {
    return (
      <li className="card" data-model={model.name}>
        <ModelForm model={model} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="card" data-model={model.name}>
      <h3 className="card-title">
        <Link href={`/models/${model.id}`}>{model.name}</Link> <ProviderBadge provider={model.provider} />
      </h3>
      <dl className="kv small">
        {model.baseUrl && (
          <>
            <dt>{t("baseUrl")}</dt>
            <dd className="mono">{model.baseUrl}</dd>
          </>
        )}
        <dt>{t("modelId")}</dt>
        <dd className="mono">{model.modelId ?? "—"}</dd>
        {model.provider !== "baseline" && (
          <>
            <dt>{t("concurrency")}</dt>
            <dd>{model.concurrency}</dd>
            <dt>{t("timeout")}</dt>
            <dd>{model.timeoutMs / 1000}</dd>
            <dt>{t("defaults")}</dt>
            <dd className="mono">{params.length ? params.map(([k, v]) => `${k}=${String(v)}`).join(", ") : "—"}</dd>
          </>
        )}
        <dt>{t("apiKey")}</dt>
        <dd data-testid="key-source">
          {model.hasStoredKey ? t("keyStored") : model.apiKeyEnv ? t("keyFromEnv", { name: model.apiKeyEnv }) : t("keyNone")}
        </dd>
      </dl>
      {testable && (
        <div className="actions">
          <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate({ id: model.id })}>
            {test.isPending ? t("testing") : t("test")}
          </button>
          {editable && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t("edit")}
            </button>
          )}
          {!confirming && (
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              {t("delete")}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div className="notice" role="alertdialog" aria-label={t("confirmDelete", { name: model.name })}>
          <p>{t("confirmDelete", { name: model.name })}</p>
          <div className="actions">
            <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              {t("confirmDeleteYes")}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </button>
          </div>
        </div>
      )}
      <ApiErrorView error={remove.error} />
      {test.error ? <ApiErrorView error={test.error} /> : test.data ? <ConnectionResult check={test.data} /> : null}
    </li>
  );
}
