"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useCreateOnnxModel, useOnnxFolders } from "@/lib/api/models";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";

/** Registers an ONNX model from a folder inside the server's model folder (CHIMED_ONNX_DIR). */
export function OnnxModelForm() {
  const t = useTranslations("models");
  const folders = useOnnxFolders(true);
  const create = useCreateOnnxModel();
  const [name, setName] = useState("");
  const [dir, setDir] = useState("");
  const [dtype, setDtype] = useState("");
  const chosen = folders.data?.find((f) => f.dir === dir) ?? folders.data?.[0];
  const dtypes = chosen?.dtypes ?? [];
  const precision = dtypes.find((d) => d === dtype) ?? dtypes[0];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || !precision) return;
    try {
      await create.mutateAsync({ name: name.trim() || chosen.dir, dir: chosen.dir, dtype: precision });
      setName("");
    } catch {
      // Shown below the form from the mutation's error.
    }
  }

  return (
    <form className="form-grid" aria-label={t("addOnnx")} onSubmit={submit} noValidate>
      <p className="small muted">{t("onnxIntro")}</p>
      <ApiErrorView error={folders.error} />
      {folders.data?.length === 0 && <p>{t("onnxNoFolders")}</p>}
      {chosen && (
        <>
          <Field label={t("onnxFolder")}>
            <select value={chosen.dir} onChange={(e) => setDir(e.target.value)}>
              {folders.data!.map((f) => (
                <option key={f.dir} value={f.dir}>
                  {f.dir}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("onnxDtype")}>
            <select value={precision} onChange={(e) => setDtype(e.target.value)}>
              {dtypes.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("name")}>
            <input maxLength={120} autoComplete="off" placeholder={chosen.dir} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {t("add")}
            </button>
          </div>
        </>
      )}
      <ApiErrorView error={create.error} />
    </form>
  );
}
