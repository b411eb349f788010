"use client";

import { useTranslations } from "next-intl";

interface PerplexityRunSummary {
  scored?: number;
  unparsed?: number;
  contextChars?: number;
  strideChars?: number;
  totals?: { chars: number; tokens: number };
  documents?: { id: string | null; bits_per_char: number | null; chars: number | null }[];
  documentsListed?: number;
}

/** The windows a perplexity run used and each document's bits per character (metrics are in the table above). */
export function PerplexitySummary({ summary }: { summary: PerplexityRunSummary }) {
  const t = useTranslations("perplexity");
  const context = summary.contextChars ?? 0;
  const stride = summary.strideChars ?? 0;
  const documents = summary.documents ?? [];
  return (
    <section data-testid="perplexity-summary">
      <h3>{t("title")}</h3>
      <p className="small">{t("lower")}</p>
      <p className="small" data-testid="perplexity-windows">
        {t("windows", { context, stride, left: context - stride })}
      </p>
      {summary.totals && (
        <p className="small">
          {t("totals", { documents: summary.scored ?? 0, chars: summary.totals.chars, tokens: summary.totals.tokens })}
        </p>
      )}
      {(summary.unparsed ?? 0) > 0 && <p className="small muted">{t("unparsed", { n: summary.unparsed ?? 0 })}</p>}
      {documents.length > 0 && (
        <>
          {documents.length < (summary.scored ?? 0) && (
            <p className="small muted">{t("listed", { listed: documents.length, documents: summary.scored ?? 0 })}</p>
          )}
          <div className="table-scroll">
            <table data-testid="perplexity-documents">
              <thead>
                <tr>
                  <th scope="col">{t("document")}</th>
                  <th scope="col" className="num">
                    {t("bitsPerChar")}
                  </th>
                  <th scope="col" className="num">
                    {t("chars")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {documents.map((d, i) => (
                  <tr key={d.id ?? i}>
                    <th scope="row" className="mono small">
                      {d.id ?? i + 1}
                    </th>
                    <td className="num">{typeof d.bits_per_char === "number" ? d.bits_per_char.toFixed(3) : "—"}</td>
                    <td className="num">{d.chars ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
