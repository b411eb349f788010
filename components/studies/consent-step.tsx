"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { callApi } from "@/lib/api/fetcher";
import type { RaterView } from "@/lib/studies/rater-view";
import styles from "./rate.module.css";

/** Intro, the study's consent text and an optional, non-identifying profile. */
export function ConsentStep({ token, view, onDone }: { token: string; view: RaterView; onDone: () => void }) {
  const t = useTranslations("rate");
  const [role, setRole] = useState("");
  const [specialty, setSpecialty] = useState("");
  const [years, setYears] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function agree(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const profile = {
      ...(role.trim() ? { role: role.trim() } : {}),
      ...(specialty.trim() ? { specialty: specialty.trim() } : {}),
      ...(years.trim() && Number.isInteger(Number(years)) ? { years: Number(years) } : {}),
    };
    try {
      await callApi(`/api/rate/${encodeURIComponent(token)}/consent`, { method: "POST", json: { consent: true, profile } });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className={`${styles.app} form-grid`} onSubmit={agree}>
      <p>{t("intro")}</p>
      <section className="card">
        <h2>{t("consentTitle")}</h2>
        <p className="item-text" data-testid="consent-text">
          {view.study.consentText}
        </p>
      </section>
      <fieldset className="card form-grid">
        <legend>{t("profileTitle")}</legend>
        <p className="small muted">{t("profileHint")}</p>
        <Field label={t("role")}>
          <input value={role} maxLength={80} onChange={(e) => setRole(e.target.value)} />
        </Field>
        <Field label={t("specialty")}>
          <input value={specialty} maxLength={80} onChange={(e) => setSpecialty(e.target.value)} />
        </Field>
        <Field label={t("years")}>
          <input inputMode="numeric" value={years} maxLength={2} onChange={(e) => setYears(e.target.value.replace(/\D/g, ""))} />
        </Field>
      </fieldset>
      <ApiErrorView error={error} />
      <button type="submit" className={`button button-primary ${styles.cta}`} disabled={busy}>
        {t("agree")}
      </button>
    </form>
  );
}
