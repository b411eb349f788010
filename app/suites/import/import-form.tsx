"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { type FileInspection, useImportSuite, useInspectFile, usePreviewImport } from "@/lib/api/suites";
import type { FieldMapping } from "@/lib/suites/mapping/field-mapping";
import { EntityTypeLabels } from "./entity-type-labels";
import { FieldMappingStep, type UploadKind } from "./field-mapping-step";
import { ImportPreviewView } from "./import-preview";
import { recallMapping, rememberMapping } from "./mapping-memory";

const kinds: UploadKind[] = ["mcq", "ner", "open_qa", "dialogue", "instruction", "reward", "perplexity"];
const EMPTY: FieldMapping = { fields: {} };

/** The mapping a new file starts with: the one remembered for its shape, else the first matching preset. */
function initialMapping(inspection: FileInspection, kind: UploadKind): { kind: UploadKind; mapping: FieldMapping } {
  const remembered = recallMapping(inspection.shape.key);
  if (remembered && kinds.includes(remembered.kind as UploadKind)) return { kind: remembered.kind as UploadKind, mapping: remembered.mapping };
  const preset = inspection.presets[0];
  if (preset) return { kind: preset.kind as UploadKind, mapping: preset.mapping };
  return { kind, mapping: inspection.endIndex ? { fields: {}, endIndex: inspection.endIndex } : EMPTY };
}

export function ImportForm({ initialId = "" }: { initialId?: string }) {
  const t = useTranslations("suiteImport");
  const tm = useTranslations("suiteMapping");
  const tTask = useTranslations("task");
  const locale = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<UploadKind>("mcq");
  const [mapping, setMapping] = useState<FieldMapping>(EMPTY);
  const [meta, setMeta] = useState({ id: initialId, name: "", licence: "", replace: false });
  const inspect = useInspectFile();
  const preview = usePreviewImport();
  const save = useImportSuite();
  const inspection = inspect.data;

  function formData(): FormData {
    const data = new FormData();
    if (file) data.set("file", file);
    data.set("taskKind", kind);
    for (const [k, v] of Object.entries(meta)) if (v) data.set(k, v === true ? "1" : String(v));
    data.set("mapping", JSON.stringify(mapping));
    return data;
  }
  /** Anything that changes what would be imported invalidates the preview and its id check. */
  function changed() {
    preview.reset();
    save.reset();
  }
  function chooseFile(next: File | null) {
    setFile(next);
    changed();
    inspect.reset();
    if (!next) return;
    const data = new FormData();
    data.set("file", next);
    inspect.mutate(data, {
      onSuccess: (result) => {
        const start = initialMapping(result, kind);
        setKind(start.kind);
        setMapping(start.mapping);
      },
    });
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(formData(), {
      onSuccess: () => {
        if (inspection) rememberMapping(inspection.shape.key, { kind, mapping });
      },
    });
  }

  const idOk = preview.data?.idCheck.status === "free";
  const canImport = Boolean(file && preview.data && idOk && meta.name.trim() && !save.isPending && !save.data);
  const error = save.error ?? preview.error ?? inspect.error;
  return (
    <>
      <form className="form-grid card" aria-label={t("title")} onSubmit={submit} noValidate>
        <Field label={t("file")} hint={t("fileHint")}>
          <input type="file" name="file" accept=".jsonl,.json,.csv,.txt" required onChange={(e) => chooseFile(e.target.files?.[0] ?? null)} />
        </Field>
        {inspection && inspection.presets.length > 0 && (
          <div className="notice small" data-testid="presets">
            <p className="notice-title">{tm("presetsTitle")}</p>
            <div className="actions">
              {inspection.presets.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  className="button"
                  aria-pressed={mapping.preset === p.id}
                  onClick={() => {
                    setKind(p.kind as UploadKind);
                    setMapping(p.mapping);
                    changed();
                  }}
                >
                  {tm("usePreset", { name: locale === "zh-CN" ? p.name.zh : p.name.en })}
                </button>
              ))}
            </div>
          </div>
        )}
        <div className="form-row">
          <Field label={t("taskKind")}>
            <select
              name="taskKind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as UploadKind);
                changed();
              }}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {tTask(k)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("id")} hint={t("idHint")}>
            <input
              name="id"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              pattern="[a-z0-9][a-z0-9-]{1,62}"
              value={meta.id}
              onChange={(e) => {
                setMeta({ ...meta, id: e.target.value, replace: false });
                changed();
              }}
            />
          </Field>
          <Field label={t("name")}>
            <input name="name" autoComplete="off" value={meta.name} maxLength={200} onChange={(e) => setMeta({ ...meta, name: e.target.value })} />
          </Field>
          <Field label={t("licence")} hint={t("licenceHint")}>
            <input name="licence" autoComplete="off" value={meta.licence} maxLength={200} onChange={(e) => setMeta({ ...meta, licence: e.target.value })} />
          </Field>
        </div>
        {inspection && (
          <FieldMappingStep
            kind={kind}
            inspection={inspection}
            mapping={mapping}
            onChange={(next) => {
              setMapping(next);
              changed();
            }}
          />
        )}
        {preview.data?.entityTypes && (
          <EntityTypeLabels
            types={preview.data.entityTypes}
            labels={mapping.typeLabels ?? {}}
            onChange={(typeLabels) => setMapping({ ...mapping, typeLabels })}
          />
        )}
        {preview.data && preview.data.idCheck.status !== "free" && (
          <div className="notice small" role="status" data-testid="id-check">
            <p>{preview.data.idCheck.message}</p>
            {preview.data.idCheck.status === "taken" && preview.data.idCheck.replaceable && (
              <label className="radio">
                <input
                  type="checkbox"
                  checked={meta.replace}
                  onChange={(e) => {
                    setMeta({ ...meta, replace: e.target.checked });
                    changed();
                  }}
                />
                {tm("replace")}
              </label>
            )}
          </div>
        )}
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={!file || preview.isPending || inspect.isPending}
            onClick={() => {
              save.reset();
              preview.mutate(formData());
            }}
          >
            {preview.isPending ? t("checking") : t("preview")}
          </button>
          <button type="submit" className="button button-primary" disabled={!canImport}>
            {save.isPending ? t("importing") : t("import")}
          </button>
        </div>
        {!preview.data && file && <p className="small muted">{tm("previewFirst")}</p>}
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
