"use client";

import { useLocale, useTranslations } from "next-intl";
import type { RunPreview } from "@/lib/runner/preview-run";
import { type SubsetNames, subsetName } from "@/lib/suites/subset-names";
import { messageRoles } from "./message-roles";

/** The exact prompt of the run's first item and how much of the suite the run covers, before it starts. */
export function RunPreviewView({ preview }: { preview: RunPreview | undefined }) {
  const t = useTranslations("runs.preview");
  const tItem = useTranslations("runs.item");
  if (!preview) return null;
  const partial = preview.items < preview.suiteItems;
  return (
    <section className="card" aria-label={t("title")} data-testid="run-preview">
      <p className={partial ? "warn-text" : undefined} data-testid="preview-items">
        {t(partial ? "itemsPartial" : "itemsAll", { items: preview.items, all: preview.suiteItems })}
      </p>
      <details open>
        <summary>{t("title")}</summary>
        {preview.error && <p className="error-text">{preview.error}</p>}
        {preview.messages?.map((m, i) => (
          <div key={i} className="preview-message">
            <div className="small muted">
              {messageRoles.includes(m.role as "user") ? tItem(`roles.${m.role as "user"}`) : m.role}
            </div>
            <pre className="item-text" data-testid="preview-message">
              {m.content}
            </pre>
          </div>
        ))}
      </details>
    </section>
  );
}

export function SubsetPicker({
  subsets,
  names,
  chosen,
  onChange,
}: {
  subsets: { subset: string; n: number }[];
  names?: SubsetNames;
  chosen: string[];
  onChange: (chosen: string[]) => void;
}) {
  const t = useTranslations("runs.preview");
  const locale = useLocale();
  if (subsets.length === 0) return null;
  const toggle = (subset: string) =>
    onChange(chosen.includes(subset) ? chosen.filter((s) => s !== subset) : [...chosen, subset].sort());
  return (
    <fieldset className="subset-picker" data-testid="subset-picker">
      <legend>{t("subsets")}</legend>
      <p className="small muted">{t("subsetsHint")}</p>
      <div className="radio-row">
        {subsets.map(({ subset, n }) => (
          <label key={subset} className="radio">
            <input type="checkbox" checked={chosen.includes(subset)} onChange={() => toggle(subset)} />
            {subsetName(names, subset, locale)} <span className="muted small">({n})</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
