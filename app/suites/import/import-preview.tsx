"use client";

import { useTranslations } from "next-intl";
import type { ImportPreview } from "@/lib/api/suites";
import { JsonText } from "@/components/ui/json-text";

/** The first items as the importer read them; uploaded text is shown as text. */
export function ImportPreviewView({ preview }: { preview: ImportPreview }) {
  const t = useTranslations("suiteImport");
  return (
    <section className="card" aria-labelledby="import-preview" data-testid="import-preview">
      <h2 id="import-preview">{t("previewTitle")}</h2>
      <p data-testid="preview-total">{t("total", { count: preview.total })}</p>
      {preview.warnings.length > 0 && (
        <div className="notice small">
          <p className="notice-title">{t("warnings")}</p>
          <ul>
            {preview.warnings.map((w) => (
              <li key={w} className="item-text">
                {w}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="small muted">{t("firstItems", { count: preview.items.length })}</p>
      <ol className="item-list">
        {preview.items.map((item) => (
          <li key={item.externalId}>
            <div className="small muted mono">
              {item.externalId} · {item.split}
              {item.subset ? ` · ${item.subset}` : ""}
            </div>
            <JsonText value={{ input: item.input, gold: item.gold }} />
          </li>
        ))}
      </ol>
    </section>
  );
}
