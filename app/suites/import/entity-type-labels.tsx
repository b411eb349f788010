"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";

/** NER type codes and the names the prompt will ask for; a code left as it is would reach the model as "bod". */
export function EntityTypeLabels({
  types,
  labels,
  onChange,
}: {
  types: { id: string; label: string }[];
  labels: Record<string, string>;
  onChange: (labels: Record<string, string>) => void;
}) {
  const t = useTranslations("suiteMapping");
  const unnamed = types.filter((ty) => !(labels[ty.id] ?? "").trim()).length;
  return (
    <section className="card" aria-labelledby="type-labels" data-testid="entity-type-labels">
      <h2 id="type-labels">{t("typeLabels")}</h2>
      <p className="small muted">{t("typeLabelsIntro")}</p>
      {unnamed > 0 && <p className="small warn-text">{t("typeLabelsMissing", { count: unnamed })}</p>}
      <div className="form-row">
        {types.map((ty) => (
          <Field key={ty.id} label={ty.id}>
            <input value={labels[ty.id] ?? ""} maxLength={100} onChange={(e) => onChange({ ...labels, [ty.id]: e.target.value })} />
          </Field>
        ))}
      </div>
    </section>
  );
}
