"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ApiErrorView } from "@/components/ui/api-error";
import type { ContaminationFailure } from "@/lib/validation/contamination";
import { Field } from "@/components/ui/field";
import { CleanScoresTable } from "./clean-scores-table";
import { useContaminationIndexes, useContaminationReport, useDeleteIndex, useIndexCorpus } from "@/lib/api/contamination";

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);

/**
 * Checks the suite against an indexed training corpus, indexes a new one (built in the background: the list
 * polls until it is ready or failed), deletes one, and shows each run's score with and without the matching items.
 */
export function ContaminationPanel({ suiteId }: { suiteId: string }) {
  const t = useTranslations("contamination");
  const indexes = useContaminationIndexes();
  const [chosen, setChosen] = useState<string | null>(null);
  const indexId = chosen ?? indexes.data?.[0]?.id ?? null;
  const selected = indexes.data?.find((i) => i.id === indexId) ?? null;
  const report = useContaminationReport(suiteId, selected?.status === "ready" ? selected.id : null);
  const upload = useIndexCorpus();
  const remove = useDeleteIndex();
  const [file, setFile] = useState<File | null>(null);
  const [n, setN] = useState(13);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const format = /\.jsonl?$/i.test(file.name) ? "jsonl" : "text";
    upload.mutate({ file, name: file.name, n, format }, { onSuccess: (body) => setChosen(body.index.id) });
  }

  function deleteIndex() {
    if (!selected || !window.confirm(t("deleteConfirm", { name: selected.name }))) return;
    remove.mutate(selected.id, { onSuccess: () => setChosen(null) });
  }

  const r = selected?.status === "ready" ? report.data : undefined;
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
            {upload.isPending ? t("uploading") : t("upload")}
          </button>
        </div>
      </form>
      <ApiErrorView error={upload.error ?? remove.error ?? indexes.error ?? report.error} />
      {indexes.data && indexes.data.length === 0 && <p className="small">{t("none")}</p>}
      {indexes.data && indexes.data.length > 0 && (
        <Field label={t("corpus")}>
          <select value={indexId ?? ""} onChange={(e) => setChosen(e.target.value)}>
            {indexes.data.map((i) => (
              <option key={i.id} value={i.id}>
                {i.status === "ready"
                  ? t("indexOption", { name: i.name, n: i.n, documents: i.documents })
                  : t(i.status === "building" ? "optionBuilding" : "optionFailed", { name: i.name })}
              </option>
            ))}
          </select>
        </Field>
      )}
      {selected && (
        <div className="form-row" data-testid="contamination-index-status">
          {selected.status === "building" && <p className="small">{t("building", { name: selected.name })}</p>}
          {selected.status === "failed" && (
            <p className="small error-text" role="alert">
              {failureText(t, selected)}
            </p>
          )}
          <button type="button" className="button button-danger" onClick={deleteIndex} disabled={selected.status === "building" || remove.isPending}>
            {t("delete")}
          </button>
        </div>
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

const failureKeys = { refused: "failedRefused", build: "failedBuild", unrecorded: "failedUnrecorded", abandoned: "failedAbandoned" } as const;

/** The failure in the reader's language; a detail from the builder (a corpus line, an error) stays as sent. */
function failureText(t: ReturnType<typeof useTranslations<"contamination">>, index: { name: string; errorKind: ContaminationFailure | null; error: string | null }) {
  if (!index.errorKind) return t("failed", { name: index.name, error: index.error ?? "" });
  return t(failureKeys[index.errorKind], { name: index.name, detail: index.error ?? "" });
}
