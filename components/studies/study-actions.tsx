"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { callApi } from "@/lib/api/fetcher";

const absolute = (path: string) => (typeof window === "undefined" ? path : `${window.location.origin}${path}`);

/** Links (personal, cohort) and closing: the new links are shown once, here. */
export function StudyActions({ studyId, open, hasCohortLink }: { studyId: string; open: boolean; hasCohortLink: boolean }) {
  const t = useTranslations("studies.detail");
  const router = useRouter();
  const [labels, setLabels] = useState("");
  const [links, setLinks] = useState<{ label: string; path: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      router.refresh();
    } catch (e) {
      setError(e);
    }
  };
  const issue = () =>
    act(async () => {
      const list = labels.split("\n").map((l) => l.trim()).filter(Boolean);
      const body = await callApi<{ links: { label: string; path: string }[] }>(`/api/studies/${studyId}/raters`, {
        method: "POST",
        json: { labels: list },
      });
      setLinks(body.links);
      setLabels("");
    });
  const cohort = () =>
    act(async () => {
      const { path } = await callApi<{ path: string }>(`/api/studies/${studyId}/cohort`, { method: "POST" });
      setLinks([{ label: "cohort", path }]);
    });
  return (
    <section className="card" aria-labelledby="links-heading">
      <h2 id="links-heading">{t("links")}</h2>
      {hasCohortLink && <p className="small">{t("cohortActive")}</p>}
      {open && (
        <>
          <Field label={t("labels")}>
            <textarea rows={3} value={labels} onChange={(e) => setLabels(e.target.value)} data-testid="rater-labels" />
          </Field>
          <div className="actions">
            <button type="button" className="button button-primary" disabled={!labels.trim()} onClick={issue}>
              {t("issue")}
            </button>
            <button type="button" className="button" onClick={cohort}>
              {t("cohort")}
            </button>
            {hasCohortLink && (
              <button type="button" className="button" onClick={() => act(() => callApi(`/api/studies/${studyId}/cohort`, { method: "DELETE" }))}>
                {t("cohortRevoke")}
              </button>
            )}
            <button
              type="button"
              className="button button-danger"
              onClick={() =>
                window.confirm(t("closeConfirm")) &&
                act(() => callApi(`/api/studies/${studyId}`, { method: "PATCH", json: { status: "closed" } }))
              }
            >
              {t("close")}
            </button>
          </div>
        </>
      )}
      {links.length > 0 && (
        <div className="notice notice-ok" role="status">
          <p className="notice-title">{t("shownOnce")}</p>
          <ul className="plain-list" data-testid="new-links">
            {links.map((l) => (
              <li key={l.path}>
                <span className="muted">{l.label}: </span>
                <span className="mono item-text">{absolute(l.path)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ApiErrorView error={error} />
    </section>
  );
}

export function RevokeRater({ studyId, raterId }: { studyId: string; raterId: string }) {
  const t = useTranslations("studies.detail");
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        className="button button-danger"
        onClick={async () => {
          try {
            await callApi(`/api/studies/${studyId}/raters/${raterId}/revoke`, { method: "POST" });
            router.refresh();
          } catch (e) {
            setError(e);
          }
        }}
      >
        {t("revoke")}
      </button>
      <ApiErrorView error={error} />
    </>
  );
}
