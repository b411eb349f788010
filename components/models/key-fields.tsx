"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import type { KeyMode, ModelFormState } from "./model-form-state";

const modes: KeyMode[] = ["none", "typed", "env"];

/** Where the key comes from: none, typed here (sealed on the server), or a server environment variable. */
export function KeyFields({
  form,
  set,
  storedKey,
}: {
  form: ModelFormState;
  set: (patch: Partial<ModelFormState>) => void;
  storedKey: boolean;
}) {
  const t = useTranslations("models");
  return (
    <fieldset className="form-row">
      <legend>{t("apiKey")}</legend>
      <div className="radio-row" role="radiogroup" aria-label={t("apiKey")}>
        {modes.map((mode) => (
          <label key={mode} className="radio">
            <input type="radio" name="keyMode" checked={form.keyMode === mode} onChange={() => set({ keyMode: mode })} />
            {t(`keyMode.${mode}`)}
          </label>
        ))}
      </div>
      {form.keyMode === "typed" && (
        <Field label={t("keyValue")} hint={storedKey ? t("keyStoredHint") : t("keyHint")}>
          <input
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            value={form.apiKey}
            onChange={(e) => set({ apiKey: e.target.value })}
          />
        </Field>
      )}
      {form.keyMode === "env" && (
        <Field label={t("keyEnv")} hint={t("keyEnvHint")}>
          <input
            className="mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="OPENAI_API_KEY"
            value={form.apiKeyEnv}
            onChange={(e) => set({ apiKeyEnv: e.target.value })}
          />
        </Field>
      )}
    </fieldset>
  );
}
