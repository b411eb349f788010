"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { type ModelRow, useCreateModel, useTestConnection, useUpdateModel } from "@/lib/api/models";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { ConnectionResult } from "./connection-result";
import { KeyFields } from "./key-fields";
import {
  bodyFromForm,
  emptyModelForm,
  formFromModel,
  looksLikeV1,
  type ModelFormState,
  patchFromForm,
} from "./model-form-state";

/** Adds a model, or edits one when `model` is given. */
export function ModelForm({ model, onDone }: { model?: ModelRow; onDone?: () => void }) {
  const t = useTranslations("models");
  const [form, setForm] = useState<ModelFormState>(() => (model ? formFromModel(model) : emptyModelForm));
  const create = useCreateModel();
  const update = useUpdateModel(model?.id ?? "");
  const test = useTestConnection();
  const save = model ? update : create;
  const set = (patch: Partial<ModelFormState>) => setForm((f) => ({ ...f, ...patch }));
  const input = (key: keyof ModelFormState) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      if (model) await update.mutateAsync(patchFromForm(form, model));
      else {
        await create.mutateAsync(bodyFromForm(form));
        setForm(emptyModelForm);
        test.reset();
      }
      onDone?.();
    } catch {
      // The mutation keeps the error; it is shown below the form.
    }
  }

  const label = model ? t("editForm", { name: model.name }) : t("addForm");
  return (
    <form className="form-grid" aria-label={label} onSubmit={submit} noValidate>
      <Field label={t("name")}>
        <input required maxLength={120} autoComplete="off" {...input("name")} />
      </Field>
      <Field label={t("baseUrl")} hint={looksLikeV1(form.baseUrl) ? t("baseUrlHint") : <span className="warn-text">{t("baseUrlWarning")}</span>}>
        <input type="url" required inputMode="url" placeholder="http://127.0.0.1:8000/v1" autoComplete="off" {...input("baseUrl")} />
      </Field>
      <Field label={t("modelId")}>
        <input required autoComplete="off" {...input("modelId")} />
      </Field>
      <KeyFields form={form} set={set} storedKey={!!model?.hasStoredKey} />
      <fieldset className="form-row">
        <legend>{t("defaults")}</legend>
        <Field label={t("temperature")}>
          <input type="number" min={0} max={2} step={0.1} inputMode="decimal" {...input("temperature")} />
        </Field>
        <Field label={t("topP")}>
          <input type="number" min={0} max={1} step={0.05} inputMode="decimal" {...input("topP")} />
        </Field>
        <Field label={t("maxTokens")}>
          <input type="number" min={1} max={32768} step={1} inputMode="numeric" {...input("maxTokens")} />
        </Field>
      </fieldset>
      <div className="form-row">
        <Field label={t("concurrency")}>
          <input type="number" min={1} max={1024} step={1} inputMode="numeric" {...input("concurrency")} />
        </Field>
        <Field label={t("timeout")}>
          <input type="number" min={1} max={600} step={1} inputMode="numeric" {...input("timeoutS")} />
        </Field>
      </div>
      <div className="form-row">
        <Field label={t("promptPrice")} hint={t("priceHint")}>
          <input type="number" min={0} step="any" inputMode="decimal" {...input("promptPrice")} />
        </Field>
        <Field label={t("completionPrice")} hint={t("priceHint")}>
          <input type="number" min={0} step="any" inputMode="decimal" {...input("completionPrice")} />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {model ? t("save") : t("add")}
        </button>
        <button
          type="button"
          className="button"
          disabled={test.isPending}
          onClick={() => test.mutate({ body: bodyFromForm({ ...form, name: form.name || "test" }) })}
        >
          {test.isPending ? t("testing") : t("test")}
        </button>
        {model && (
          <button type="button" className="button" onClick={onDone}>
            {t("cancel")}
          </button>
        )}
      </div>
      {model?.hasStoredKey && form.keyMode === "typed" && !form.apiKey && (test.data || test.error) && (
        <p className="small muted">{t("storedKeyNotSent")}</p>
      )}
      <ApiErrorView error={save.error} />
      {test.error ? <ApiErrorView error={test.error} /> : test.data ? <ConnectionResult check={test.data} /> : null}
    </form>
  );
}
