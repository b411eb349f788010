"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { callApi } from "@/lib/api/fetcher";
import { localeNames, locales, localized } from "@/lib/i18n/locale";

export interface RunChoice {
  id: string;
  label: string | null;
  suiteId: string;
  suiteName: { en: string; zh: string };
  modelName: string;
}

/** The researcher's form for a study: scales, runs to rate (same suite), pairs per rater, raters per pair... */
export function NewStudyForm({ scales, runs }: { scales: { id: string; name: { en: string; zh: string } }[]; runs: RunChoice[] }) {
  const t = useTranslations("studies.form");
  const locale = useLocale();
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [chosenRuns, setChosenRuns] = useState<string[]>([]);
  const suiteOfChosen = runs.find((r) => r.id === chosenRuns[0])?.suiteId;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const deadline = String(form.get("deadline") ?? "");
    setBusy(true);
    setError(null);
    try {
      const { study } = await callApi<{ study: { id: string } }>("/api/studies", {
        method: "POST",
        json: {
          title: form.get("title"),
          language: form.get("language"),
          consentText: form.get("consentText"),
          scaleSuiteIds: form.getAll("scale"),
          runIds: chosenRuns,
          optionOrder: form.get("optionOrder"),
          itemsPerRater: Number(form.get("itemsPerRater")),
          ratersPerPair: Number(form.get("ratersPerPair")),
          deadline: deadline ? new Date(deadline).toISOString() : null,
        },
      });
      router.push(`/studies/${study.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form className="form-grid" onSubmit={submit} aria-label={t("create")}>
      <Field label={t("title")}>
        <input name="title" required maxLength={200} />
      </Field>
      <div className="form-row">
        <Field label={t("language")}>
          <select name="language" defaultValue={locale}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {localeNames[l]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("optionOrder")}>
          <select name="optionOrder" defaultValue="published">
            <option value="published">{t("orderPublished")}</option>
            <option value="reversed">{t("orderReversed")}</option>
            <option value="shuffled">{t("orderShuffled")}</option>
          </select>
        </Field>
      </div>
      <Field label={t("consent")}>
        <textarea name="consentText" required rows={4} maxLength={5000} />
      </Field>
      <fieldset className="form-row">
        <legend className="field-label">{t("scales")}</legend>
        {scales.map((s) => (
          <label key={s.id} className="radio">
            <input type="checkbox" name="scale" value={s.id} defaultChecked={s.id === "cami"} /> {localized(s.name, locale)}
          </label>
        ))}
      </fieldset>
      <fieldset className="form-grid">
        <legend className="field-label">{t("runs")}</legend>
        {runs.map((r) => (
          <label key={r.id} className="radio">
            <input
              type="checkbox"
              value={r.id}
              checked={chosenRuns.includes(r.id)}
              disabled={suiteOfChosen !== undefined && r.suiteId !== suiteOfChosen}
              onChange={(e) => setChosenRuns((old) => (e.target.checked ? [...old, r.id] : old.filter((id) => id !== r.id)))}
            />
            {r.modelName} · {localized(r.suiteName, locale)}
            {r.label ? ` · ${r.label}` : ""} <span className="muted mono small">{r.id.slice(0, 8)}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <Field label={t("itemsPerRater")}>
          <input name="itemsPerRater" type="number" min={1} max={500} defaultValue={10} required />
        </Field>
        <Field label={t("ratersPerPair")}>
          <input name="ratersPerPair" type="number" min={2} max={50} defaultValue={2} required />
        </Field>
        <Field label={t("deadline")}>
          <input name="deadline" type="datetime-local" />
        </Field>
      </div>
      <ApiErrorView error={error} />
      <p className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("create")}
        </button>
      </p>
    </form>
  );
}
