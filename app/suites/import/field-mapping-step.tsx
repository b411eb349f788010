"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import type { FileInspection } from "@/lib/api/suites";
import { commonMappableFields, entityFields, mappableFields, type FieldMapping } from "@/lib/suites/mapping/field-mapping";

export type UploadKind = keyof typeof mappableFields;

/** Default names of the fields inside an entity object: the upload format's own. */
const ENTITY_DEFAULTS: Record<(typeof entityFields)[number], string> = { text: "text", type: "type", start: "offset", end: "end" };

interface Props {
  kind: UploadKind;
  inspection: FileInspection;
  mapping: FieldMapping;
  onChange: (mapping: FieldMapping) => void;
}

/** One select per field of the task: which of the file's fields fills it. */
export function FieldMappingStep({ kind, inspection, mapping, onChange }: Props) {
  const t = useTranslations("suiteMapping");
  const names = inspection.shape.fields.map((f) => f.name);
  const sourceOf = (target: string) => mapping.fields[target] ?? (names.includes(target) ? target : "");
  const setField = (target: string, source: string) => {
    const fields = { ...mapping.fields };
    if (source === "") delete fields[target];
    else fields[target] = source;
    onChange({ ...mapping, fields });
  };
  const entitiesField = sourceOf("entities");
  const innerNames = inspection.shape.fields.find((f) => f.name === entitiesField)?.itemFields ?? [];
  const entitySource = (f: (typeof entityFields)[number]) => mapping.entity?.[f] ?? (innerNames.includes(ENTITY_DEFAULTS[f]) ? ENTITY_DEFAULTS[f] : "");
  const setEntity = (f: (typeof entityFields)[number], source: string) => {
    const entity = { ...mapping.entity };
    if (source === "") delete entity[f];
    else entity[f] = source;
    onChange({ ...mapping, entity });
  };

  const select = (label: string, value: string, options: readonly string[], set: (v: string) => void, testId: string) => (
    <Field key={testId} label={label}>
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        <option value="">{t("none")}</option>
        {options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <section className="card" aria-labelledby="mapping-title" data-testid="field-mapping">
      <h2 id="mapping-title">{t("title")}</h2>
      <p className="small muted">{t("intro", { count: inspection.records })}</p>
      <div className="form-row">
        {[...mappableFields[kind], ...commonMappableFields].map((target) =>
          select(t(`target.${target}`), sourceOf(target), names, (v) => setField(target, v), `map-${target}`),
        )}
      </div>
      {kind === "ner" && (
        <>
          <h3>{t("entityTitle")}</h3>
          <div className="form-row">
            {entityFields.map((f) => select(t(`entity.${f}`), entitySource(f), innerNames, (v) => setEntity(f, v), `map-entity-${f}`))}
          </div>
          {entitySource("end") !== "" && (
            <fieldset className="radio-row">
              <legend className="field-label">{t("endIndex")}</legend>
              {(["inclusive", "exclusive"] as const).map((end) => (
                <label key={end} className="radio">
                  <input type="radio" name="endIndex" checked={(mapping.endIndex ?? "exclusive") === end} onChange={() => onChange({ ...mapping, endIndex: end })} />
                  {t(`end.${end}`)}
                  {inspection.endIndex === end && <span className="badge badge-ok">{t("detected")}</span>}
                </label>
              ))}
            </fieldset>
          )}
        </>
      )}
      {kind === "instruction" && (
        <Field label={t("listDelimiter")} hint={t("listDelimiterHint")}>
          <input
            value={mapping.listDelimiter ?? ""}
            maxLength={10}
            onChange={(e) => onChange({ ...mapping, listDelimiter: e.target.value || undefined })}
            data-testid="map-list-delimiter"
          />
        </Field>
      )}
      <details className="small">
        <summary>{t("fieldsFound", { count: names.length })}</summary>
        <dl className="kv">
          {inspection.shape.fields.map((f) => (
            <div key={f.name} style={{ display: "contents" }}>
              <dt className="mono">{f.name}</dt>
              <dd className="item-text clamp">{f.sample || "—"}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
