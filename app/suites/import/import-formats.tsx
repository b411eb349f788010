import { getTranslations } from "next-intl/server";

/** The examples are the same in every language; only the explanations are translated. */
const FORMATS = [
  { kind: "mcq", record: '{"question": "…", "A": "…", "B": "…", "C": "…", "D": "…", "answer": "B", "subject": "…"}', csv: "question,A,B,C,D,answer[,subject]" },
  { kind: "ner", record: '{"text": "…", "entities": [{"text": "头痛", "type": "symptom", "offset": 3}]}', csv: null },
  { kind: "open_qa", record: '{"question": "…", "context": "…", "answer": "…"}  |  "references": ["…", "…"]', csv: "question,answer[,context]" },
  { kind: "dialogue", record: '{"history": [{"role": "user", "content": "…"}, …], "reference": "…"}  |  {"turns": […]}', csv: null },
  { kind: "instruction", record: '{"prompt": "…", "target": "…", "subset": "…"}', csv: "prompt,target[,subset]" },
  { kind: "reward", record: '{"prompt": "…", "chosen": "…", "rejected": "…", "category": "…"}  |  {"question", "response_chosen", "response_rejected"}', csv: "prompt,chosen,rejected[,category]" },
  { kind: "perplexity", record: '{"text": "…", "subset": "…"}', csv: "text[,subset]" },
] as const;

/** What lib/suites/importers/FORMATS.md says, in the page and in the reader's language. */
export async function ImportFormats() {
  const [t, tTask] = await Promise.all([getTranslations("suiteFormats"), getTranslations("task")]);
  return (
    <details className="card" data-testid="import-formats">
      <summary>
        <h2 className="card-title" style={{ display: "inline" }}>
          {t("title")}
        </h2>
      </summary>
      <p className="small">{t("intro")}</p>
      <ul className="plain-list">
        {FORMATS.map((f) => (
          <li key={f.kind}>
            <h3>{tTask(f.kind)}</h3>
            <p className="small muted">{t("record")}</p>
            <pre className="code-block">{f.record}</pre>
            <p className="small muted">
              {t("csv")}: {f.csv ? <code>{f.csv}</code> : t("notAccepted")}
            </p>
            <p className="small">{t(`notes.${f.kind}`)}</p>
          </li>
        ))}
      </ul>
    </details>
  );
}
