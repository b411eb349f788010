"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { callApi } from "@/lib/api/fetcher";
import { CHECKPOINT_STAGES } from "@/lib/validation/series";

function useSubmit<T>(action: (form: FormData) => Promise<T>) {
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      setResult(await action(new FormData(form)));
      form.reset();
      router.refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { onSubmit, error, result, busy };
}

export function AddCheckpointForm({ modelId }: { modelId: string }) {
  const t = useTranslations("series");
  const { onSubmit, error, busy } = useSubmit((form) => {
    const baseUrl = String(form.get("baseUrl") ?? "").trim();
    return callApi(`/api/models/${modelId}/checkpoints`, {
      method: "POST",
      json: {
        name: String(form.get("name") ?? ""),
        step: Number(form.get("step")),
        stage: String(form.get("stage")),
        modelId: String(form.get("servedAs") ?? ""),
        ...(baseUrl ? { baseUrl } : {}),
      },
    });
  });
  return (
    <form onSubmit={onSubmit} data-testid="checkpoint-form">
      <div className="form-row">
        <Field label={t("name")}>
          <input name="name" required maxLength={120} />
        </Field>
        <Field label={t("step")}>
          <input name="step" type="number" min={0} step={1} required />
        </Field>
        <Field label={t("stage")}>
          <select name="stage" defaultValue="other">
            {CHECKPOINT_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stages.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("servedAs")}>
          <input name="servedAs" required maxLength={200} />
        </Field>
        <Field label={t("baseUrl")}>
          <input name="baseUrl" type="url" maxLength={500} />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("addCheckpoint")}
        </button>
      </div>
      <ApiErrorView error={error} />
    </form>
  );
}

export function SeriesRunForm({ modelId, suites }: { modelId: string; suites: { id: string; name: string }[] }) {
  const t = useTranslations("series");
  const { onSubmit, error, result, busy } = useSubmit((form) => {
    const limit = String(form.get("limit") ?? "").trim();
    return callApi<{ runs: unknown[] }>(`/api/models/${modelId}/series/runs`, {
      method: "POST",
      json: { suiteId: String(form.get("suite")), settings: limit ? { limit: Number(limit) } : {} },
    });
  });
  return (
    <form onSubmit={onSubmit} data-testid="series-run-form">
      <div className="form-row">
        <Field label={t("suite")}>
          <select name="suite" required>
            {suites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("limit")}>
          <input name="limit" type="number" min={1} step={1} />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("runSubmit")}
        </button>
      </div>
      {result && (
        <p className="notice notice-ok" role="status">
          {t("started", { count: result.runs.length })}
        </p>
      )}
      <ApiErrorView error={error} />
    </form>
  );
}

export function TrainingLogForm({ modelId }: { modelId: string }) {
  const t = useTranslations("series");
  const { onSubmit, error, result, busy } = useSubmit(async (form) => {
    const file = form.get("file");
    if (!(file instanceof File)) throw new Error(t("logFile"));
    const name = String(form.get("name") ?? "").trim() || file.name;
    return callApi<{ log: { steps: number; metrics: string[] } }>(`/api/models/${modelId}/training-logs?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: file,
    });
  });
  return (
    <form onSubmit={onSubmit} data-testid="training-log-form">
      <div className="form-row">
        <Field label={t("logFile")}>
          <input name="file" type="file" accept=".json,.jsonl,.csv,.txt" required />
        </Field>
        <Field label={t("logName")}>
          <input name="name" maxLength={120} />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("importLog")}
        </button>
      </div>
      {result && (
        <p className="notice notice-ok" role="status">
          {t("imported", { steps: result.log.steps, metrics: result.log.metrics.join(", ") })}
        </p>
      )}
      <ApiErrorView error={error} />
    </form>
  );
}
