"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import { Field } from "@/components/ui/field";
import { CleanScoresTable } from "./clean-scores-table";
import { useContaminationIndexes, useContaminationReport, useIndexCorpus } from "@/lib/api/contamination";

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);

/** Checks the suite against an indexed training corpus, indexes a new one, and shows each run's score with and without the matching items. */
export function ContaminationPanel({ suiteId }: { suiteId: string }) {
  const t = useTranslations("contamination");
  const indexes = useContaminationIndexes();
  const [chosen, setChosen] = useState<string | null>(null);
  const indexId = chosen ?? indexes.data?.[0]?.id ?? null;
  const report = useContaminationReport(suiteId, indexId);
  const upload = useIndexCorpus();
  const [file, setFile] = useState<File | null>(null);
  const [n, setN] = useState(13);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const format = /\.jsonl?$/i.test(file.name) ? "jsonl" : "text";
    upload.mutate({ file, name: file.name, n, format }, { onSuccess: (body) => setChosen(body.index.id) });
  }

  const r = report.data;
  return (
    <section className="card" aria-labelledby="contamination" data-testid="contamination">
      <h2 id="contamination">{t("title")}</h2>
      <p className="small muted">{t("intro")}</p>
      <form className="form-row" onSubmit={submit} aria-label={t("upload")}>
        <Field label={t("corpusFile")} hint={t("corpusHint")}>
          <input type="file" accept=".jsonl,.json,.txt,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        <Field label={t("n")}>
          <input type="number" min={4} max={64} value={n} onChange={(e) => setN(Number(e.target.value))} />
        </Field>
        <div className="actions">
          <button type="submit" className="button" disabled={!file || upload.isPending}>
            {upload.isPending ? t("indexing") : t("upload")}
          </button>
        </div>
      </form>
      <ApiErrorView error={upload.error ?? indexes.error ?? report.error} />
      {indexes.data && indexes.data.length === 0 && <p className="small">{t("none")}</p>}
      {indexes.data && indexes.data.length > 0 && (
        <Field label={t("corpus")}>
          <select value={indexId ?? ""} onChange={(e) => setChosen(e.target.value)}>
            {indexes.data.map((i) => (
              <option key={i.id} value={i.id}>
                {t("indexOption", { name: i.name, n: i.n, documents: i.documents })}
              </option>
            ))}
          </select>
        </Field>
      )}
      {report.isLoading && <p className="small">{t("checking")}</p>}
      {r && (
        <>
          <dl className="kv" data-testid="contamination-shares">
            <dt>{t("items")}</dt>
            <dd>{r.items}</dd>
            <dt>{t("questionShare", { n: r.index.n })}</dt>
            <dd>
              {r.questionMatches} ({pct(r.questionShare)})
            </dd>
            <dt>{t("questionAnswerShare", { n: r.index.n })}</dt>
            <dd>
              {r.questionAnswerMatches} ({pct(r.questionAnswerShare)})
            </dd>
          </dl>
          <CleanScoresTable runs={r.runs} />
          {r.matches.length > 0 && (
            <table data-testid="contamination-matches">
              <caption>{t("matchesCaption", { shown: r.matches.length, total: r.questionAnswerMatches })}</caption>
              <thead>
                <tr>
                  <th>{t("item")}</th>
                  <th>{t("where")}</th>
                  <th>{t("ngrams")}</th>
                  <th>{t("span")}</th>
                </tr>
              </thead>
              <tbody>
                {r.matches.map((m) => (
                  <tr key={m.externalId}>
                    <td className="mono">{m.externalId}</td>
                    <td>{m.question ? t("inQuestion") : t("withAnswer")}</td>
                    <td>
                      {m.matchedNgrams} / {m.ngrams}
                    </td>
                    <td className="small">{m.span}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
