"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useCreateShare } from "@/lib/api/shares";
import type { ShareKind } from "@/lib/share/kinds";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";

/**
 * "Share": a small form that makes a read-only link to this object and shows it once. Any page can mount it with
 * its kind and target (run, audit, comparison, model and leaderboard pages; the server validates the target).
 */
export function ShareButton({ kind, target }: { kind: ShareKind; target: Record<string, unknown> }) {
  const t = useTranslations("share");
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState("");
  const [days, setDays] = useState("");
  const [includeItems, setIncludeItems] = useState(false);
  const [isPublic, setIsPublic] = useState(false);
  const [copied, setCopied] = useState(false);
  const create = useCreateShare();
  const id = useId();
  const url = create.data ? `${window.location.origin}${create.data.path}` : null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setCopied(false);
    const expires = Number(days);
    create.mutate({ kind, target, includeItems, public: isPublic, label: label.trim() || null, expiresInDays: days && expires > 0 ? expires : null });
  };

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="share-open">
        {t("button")}
      </button>
    );
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="share-dialog">
      <h2 id={`${id}-title`}>{t("dialogTitle")}</h2>
      {url ? (
        <>
          <p className="notice notice-ok small">{t("created")}</p>
          <p className="actions" style={{ flexWrap: "wrap" }}>
            <input readOnly value={url} aria-label={t("dialogTitle")} className="mono" style={{ width: "100%", minWidth: 0 }} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              className="button"
              onClick={() => navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? t("copied") : t("copy")}
            </button>
          </p>
        </>
      ) : (
        <form onSubmit={submit} className="form-grid">
          <div className="form-row">
            <Field label={t("label")}>
              <input value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
            </Field>
            <Field label={t("expires")}>
              <input type="number" min={1} max={3650} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
            </Field>
          </div>
          <label className="radio">
            <input type="checkbox" checked={includeItems} onChange={(e) => setIncludeItems(e.target.checked)} data-testid="share-include-items" /> {t("includeItems")}
          </label>
          <label className="radio">
            <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} /> {t("public")}
          </label>
          <p className="actions">
            <button type="submit" className="button button-primary" disabled={create.isPending} data-testid="share-create">
              {create.isPending ? t("creating") : t("create")}
            </button>
          </p>
        </form>
      )}
      <ApiErrorView error={create.error} />
      <p className="actions small">
        <button type="button" className="button" onClick={() => (setOpen(false), create.reset())}>
          {t("cancel")}
        </button>
        <Link href="/shares">{t("list.title")}</Link>
      </p>
    </section>
  );
}
