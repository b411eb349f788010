"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useModels } from "@/lib/api/models";
import { useCreateRun, useRunPreview } from "@/lib/api/runs";
import { useSuites } from "@/lib/api/suites";
import { localized } from "@/lib/i18n/locale";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { initialRunState, type NewRunState, settingsFromState } from "./new-run-state";
import { RunPreviewView, SubsetPicker } from "./run-preview";
import { RunSettingsFields } from "./run-settings-fields";

export function NewRunForm() {
  const t = useTranslations("runs");
  const tTask = useTranslations("task");
  const locale = useLocale();
  const router = useRouter();
  const tb = useTranslations("browser");
  const models = useModels();
  const suites = useSuites();
  const create = useCreateRun();
  const [state, setState] = useState<NewRunState>(initialRunState);
  const set = (patch: Partial<NewRunState>) => setState((s) => ({ ...s, ...patch }));
  // Servers first: a baseline is rarely what one means to run.
  const startable = [
    ...(models.data ?? []).filter((m) => m.provider === "openai" || m.provider === "onnx-local"),
    ...(models.data ?? []).filter((m) => m.provider === "baseline"),
    ...(models.data ?? []).filter((m) => m.provider === "browser"),
  ];
  const modelId = state.modelId || startable[0]?.id || "";
  const suiteId = state.suiteId || suites.data?.[0]?.id || "";
  const suite = suites.data?.find((s) => s.id === suiteId);
  const settings = settingsFromState(state, suite?.taskKind);
  const preview = useRunPreview(modelId && suite ? { modelId, suiteId, settings } : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const run = await create.mutateAsync({ modelId, suiteId, settings, label: state.label.trim() || null });
      const inBrowser = startable.find((m) => m.id === modelId)?.provider === "browser";
      router.push(inBrowser ? `/runs/${run.id}/browser` : `/runs/${run.id}`);
    } catch {
      // Shown below the form from the mutation's error.
    }
  }

  return (
    <form className="form-grid" aria-label={t("newRun")} onSubmit={submit} noValidate>
      <div className="form-row">
        <Field label={t("model")}>
          <select value={modelId} onChange={(e) => set({ modelId: e.target.value })} required>
            {startable.map((m) => (
              <option key={m.id} value={m.id}>
                {m.provider === "baseline" ? `${m.name} (${t("baselineTag")})` : m.provider === "browser" ? `${m.name} (${tb("browserRun")})` : m.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("suite")}>
          <select value={suiteId} onChange={(e) => set({ suiteId: e.target.value, subsets: [] })} required>
            {suites.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {localized(s.name, locale)} ({s.id})
              </option>
            ))}
          </select>
        </Field>
      </div>
      {suite && (
        <p className="small muted">
          {tTask(suite.taskKind as "mcq")} · {t("testItems", { count: suite.testCount })} · {suite.licence}
        </p>
      )}
      <Field label={t("form.label")} hint={t("form.labelHint")}>
        <input type="text" maxLength={200} value={state.label} onChange={(e) => set({ label: e.target.value })} />
      </Field>
      <SubsetPicker
        subsets={preview.data?.subsets ?? []}
        names={preview.data?.subsetNames}
        chosen={state.subsets} onChange={(subsets) => set({ subsets })} />
      <RunSettingsFields state={state} set={set} taskKind={suite?.taskKind} />
      <RunPreviewView preview={preview.data} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.isPending || !modelId || !suiteId}>
          {create.isPending ? t("starting") : t("start")}
        </button>
      </div>
      <ApiErrorView error={create.error ?? models.error ?? suites.error ?? preview.error} />
    </form>
  );
}
