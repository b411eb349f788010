"use client";

import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useImportRun } from "@/lib/api/shares";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";

/** Upload of an exported run file; the server checks it whole and answers with the new run. */
export function RunImportForm() {
  const t = useTranslations("share.export");
  const [file, setFile] = useState<File | null>(null);
  const importRun = useImportRun();
  return (
    <details className="card" data-testid="run-import">
      <summary>{t("importTitle")}</summary>
      <form
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) importRun.mutate(file);
        }}
      >
        <Field label={t("importTitle")} hint={t("importHint")}>
          <input type="file" accept=".json,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="run-import-file" />
        </Field>
        <p className="actions">
          <button type="submit" className="button" disabled={!file || importRun.isPending}>
            {importRun.isPending ? t("importing") : t("importButton")}
          </button>
        </p>
      </form>
      <ApiErrorView error={importRun.error} />
      {importRun.data && (
        <p className="notice notice-ok small" role="status">
          <Link href={`/runs/${importRun.data.runId}`}>{t("imported")}</Link>
        </p>
      )}
    </details>
  );
}
