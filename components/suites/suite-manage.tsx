"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { useDeleteSuite, useRenameSuite } from "@/lib/api/suites";

/** Rename, replace by a new version, or delete an uploaded suite (bundled suites have none of these). */
export function SuiteManage({ id, name }: { id: string; name: { en: string; zh: string } }) {
  const t = useTranslations("suiteManage");
  const router = useRouter();
  const [draft, setDraft] = useState(name);
  const rename = useRenameSuite(id);
  const remove = useDeleteSuite(id);

  function save(event: FormEvent) {
    event.preventDefault();
    rename.mutate(draft, { onSuccess: () => router.refresh() });
  }
  function deleteSuite() {
    if (!window.confirm(t("deleteConfirm", { id }))) return;
    remove.mutate(undefined, { onSuccess: () => router.push("/suites") });
  }

  return (
    <section className="card" aria-labelledby="suite-manage" data-testid="suite-manage">
      <h2 id="suite-manage">{t("title")}</h2>
      <form className="form-row" onSubmit={save} aria-label={t("rename")}>
        <Field label={t("nameEn")}>
          <input value={draft.en} maxLength={200} onChange={(e) => setDraft({ ...draft, en: e.target.value })} />
        </Field>
        <Field label={t("nameZh")}>
          <input value={draft.zh} maxLength={200} onChange={(e) => setDraft({ ...draft, zh: e.target.value })} />
        </Field>
        <div className="actions">
          <button type="submit" className="button" disabled={rename.isPending}>
            {t("save")}
          </button>
        </div>
      </form>
      {rename.isSuccess && (
        <p className="small" role="status">
          {t("saved")}
        </p>
      )}
      <div className="actions">
        <Link className="button" href={`/suites/import?id=${encodeURIComponent(id)}`}>
          {t("replace")}
        </Link>
        <span className="small muted">{t("replaceHint")}</span>
        <button type="button" className="button button-danger" onClick={deleteSuite} disabled={remove.isPending}>
          {t("delete")}
        </button>
      </div>
      <ApiErrorView error={rename.error ?? remove.error} />
    </section>
  );
}
