"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { callApi } from "@/lib/api/fetcher";
import styles from "./rate.module.css";

/** A cohort link's page: one tap issues this device its own rater link (kept in a cookie) and opens it. */
export function CohortJoin({ token, title }: { token: string; title: string }) {
  const t = useTranslations("rate");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function join() {
    setBusy(true);
    try {
      const { path } = await callApi<{ path: string }>(`/api/cohort/${encodeURIComponent(token)}`, { method: "POST" });
      window.location.replace(path);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  return (
    <section>
      <h1>{title}</h1>
      <p>{t("joinHint")}</p>
      <ApiErrorView error={error} />
      <button type="button" className={`button button-primary ${styles.cta}`} disabled={busy} onClick={join}>
        {t("join")}
      </button>
    </section>
  );
}
