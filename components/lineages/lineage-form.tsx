"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { callApi } from "@/lib/api/fetcher";
import { MAX_LINEAGE_STAGES } from "@/lib/validation/series";

const DEFAULT_LABELS = ["base", "CPT", "SFT", "RLHF"];

/** Name the lineage, then pick each stage's model (checkpoints are models too) in training order. */
export function LineageForm({ models }: { models: { id: string; name: string }[] }) {
  const t = useTranslations("lineage");
  const router = useRouter();
  const [stages, setStages] = useState(() => DEFAULT_LABELS.slice(0, 2).map((label) => ({ label, modelId: models[0]?.id ?? "" })));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const update = (i: number, patch: Partial<(typeof stages)[number]>) => setStages((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = String(new FormData(event.currentTarget).get("name") ?? "");
      const { lineage } = await callApi<{ lineage: { id: string } }>("/api/lineages", { method: "POST", json: { name, stages } });
      router.push(`/lineages/${lineage.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={onSubmit} data-testid="lineage-form">
      <Field label={t("name")}>
        <input name="name" required maxLength={120} />
      </Field>
      {stages.map((stage, i) => (
        <fieldset key={i} className="form-row" data-testid="lineage-stage">
          <legend>{`${i + 1}.`}</legend>
          <Field label={t("stageLabel")}>
            <input value={stage.label} onChange={(e) => update(i, { label: e.target.value })} required maxLength={60} />
          </Field>
          <Field label={t("stageModel")}>
            <select value={stage.modelId} onChange={(e) => update(i, { modelId: e.target.value })} required>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </Field>
          {stages.length > 2 && (
            <button type="button" className="secondary" onClick={() => setStages((list) => list.filter((_, j) => j !== i))}>
              {t("removeStage")}
            </button>
          )}
        </fieldset>
      ))}
      <div className="actions">
        {stages.length < MAX_LINEAGE_STAGES && (
          <button
            type="button"
            className="secondary"
            onClick={() => setStages((list) => [...list, { label: DEFAULT_LABELS[list.length] ?? "", modelId: models[0]?.id ?? "" }])}
          >
            {t("addStage")}
          </button>
        )}
        <button type="submit" disabled={busy}>
          {t("submit")}
        </button>
      </div>
      <ApiErrorView error={error} />
    </form>
  );
}
