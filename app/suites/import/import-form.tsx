"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { useImportSuite, usePreviewImport } from "@/lib/api/suites";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { ImportPreviewView } from "./import-preview";

const kinds = ["mcq", "ner", "open_qa", "dialogue"] as const;

export function ImportForm() {
  const t = useTranslations("suiteImport");
  const tTask = useTranslations("task");
  const formRef = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const preview = usePreviewImport();
  const save = useImportSuite();

  function formData(): FormData | null {
    return formRef.current ? new FormData(formRef.current) : null;
  }
  function reset() {
    preview.reset();
    save.reset();
  }
  function runPreview() {
    const data = formData();
    save.reset();
    if (data) preview.mutate(data);
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const data = formData();
    if (data) save.mutate(data);
  }

  const error = save.error ?? preview.error;
  return (
    <>
      <form ref={formRef} className="form-grid card" aria-label={t("title")} onSubmit={submit} onChange={reset} noValidate>
        <Field label={t("file")} hint={t("fileHint")}>
          <input type="file" name="file" accept=".jsonl,.json,.csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        <div className="form-row">
          <Field label={t("taskKind")}>
            <select name="taskKind" defaultValue="mcq">
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {tTask(k)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("id")} hint={t("idHint")}>
            <input name="id" className="mono" autoComplete="off" spellCheck={false} pattern="[a-z0-9][a-z0-9-]{1,62}" />
          </Field>
          <Field label={t("name")}>
            <input name="name" autoComplete="off" />
          </Field>
          <Field label={t("licence")} hint={t("licenceHint")}>
            <input name="licence" autoComplete="off" />
          </Field>
        </div>
        <div className="actions">
          <button type="button" className="button" disabled={!file || preview.isPending} onClick={runPreview}>
            {preview.isPending ? t("checking") : t("preview")}
          </button>
          <button type="submit" className="button button-primary" disabled={!file || save.isPending}>
            {save.isPending ? t("importing") : t("import")}
          </button>
        </div>
      </form>
      <ApiErrorView error={error} />
      {save.data && (
        <div className="notice notice-ok" role="status" data-testid="import-done">
          <p>{t("done", { count: save.data.items })}</p>
          <p>
            <Link className="button" href={`/suites/${save.data.id}`}>
              {t("open", { id: save.data.id })}
            </Link>
          </p>
          {save.data.warnings.map((w) => (
            <p key={w} className="small item-text">
              {w}
            </p>
          ))}
        </div>
      )}
      {preview.data && !save.data && <ImportPreviewView preview={preview.data} />}
    </>
  );
}
