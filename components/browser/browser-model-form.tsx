"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useCreateBrowserModel } from "@/lib/api/browser";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";

/** Registers a model that runs in the browser: its files come from the user's disk or from a URL they type. */
export function BrowserModelForm() {
  const t = useTranslations("browser");
  const create = useCreateBrowserModel();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"files" | "url">("files");
  const [url, setUrl] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await create.mutateAsync({ name: name.trim(), source: kind === "url" ? { kind, url: url.trim() } : { kind } });
      setName("");
      setUrl("");
    } catch {
      // Shown below the form.
    }
  }

  return (
    <form className="form-grid" aria-label={t("addTitle")} onSubmit={submit} noValidate>
      <p className="small muted">{t("addHint")}</p>
      <Field label={t("name")}>
        <input required maxLength={120} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <fieldset className="form-row">
        <legend>{t("source")}</legend>
        <label>
          <input type="radio" name="browser-source" checked={kind === "files"} onChange={() => setKind("files")} /> {t("sourceFiles")}
        </label>
        <label>
          <input type="radio" name="browser-source" checked={kind === "url"} onChange={() => setKind("url")} /> {t("sourceUrl")}
        </label>
      </fieldset>
      {kind === "url" && (
        <Field label={t("url")} hint={t("urlHint")}>
          <input type="url" required inputMode="url" autoComplete="off" value={url} onChange={(e) => setUrl(e.target.value)} />
        </Field>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t("add")}
        </button>
      </div>
      <ApiErrorView error={create.error} />
    </form>
  );
}
