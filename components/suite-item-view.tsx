import { getTranslations } from "next-intl/server";
import { clip } from "@/lib/clip";
import type {
  DialogueInput,
  InstructionInput,
  McqGold,
  McqInput,
  NerGold,
  NerInput,
  OpenQaInput,
  PerplexityInput,
  ReferencesGold,
  RewardInput,
  ScaleGold,
  ScaleInput,
  TaskKind,
} from "@/lib/suites/types";

interface Props {
  kind: TaskKind;
  input: Record<string, unknown>;
  gold: Record<string, unknown>;
}

/** Renders a suite item as plain text (never HTML): dataset text is untrusted like model output. */
export async function SuiteItemView({ kind, input, gold }: Props) {
  const t = await getTranslations("suites");
  switch (kind) {
    case "mcq": {
      const { question, options } = input as McqInput;
      return (
        <>
          <p className="item-text">{question}</p>
          <ol className="item-text" type="A">
            {Object.entries(options).map(([letter, text]) => (
              <li key={letter} value={letter.charCodeAt(0) - 64}>
                {text}
              </li>
            ))}
          </ol>
          <p className="small">
            {t("answer")}: <b>{(gold as McqGold).answer}</b>
          </p>
        </>
      );
    }
    case "ner": {
      const { entities } = gold as NerGold;
      return (
        <>
          <p className="item-text">{(input as NerInput).text}</p>
          <p className="small muted">{t("entities")}:</p>
          <p className="small item-text">{entities.map((e) => `${e.text}（${e.type}）`).join("、") || "—"}</p>
        </>
      );
    }
    case "open_qa": {
      const { question, context } = input as OpenQaInput;
      return (
        <>
          {context && <p className="item-text small muted">{context}</p>}
          <p className="item-text">{question}</p>
          <References refs={(gold as ReferencesGold).references} label={t("references")} />
        </>
      );
    }
    case "instruction":
      return (
        <>
          <p className="item-text">{(input as InstructionInput).prompt}</p>
          <References refs={(gold as ReferencesGold).references} label={t("references")} />
        </>
      );
    case "dialogue": {
      const { history } = input as DialogueInput;
      return (
        <>
          {history.map((turn, i) => (
            <p className="turn item-text" key={i}>
              <b>{turn.role === "user" ? t("patient") : turn.role === "assistant" ? t("doctor") : turn.role}</b>
              {turn.content}
            </p>
          ))}
          <References refs={(gold as ReferencesGold).references} label={t("references")} />
        </>
      );
    }
    case "reward": {
      const { prompt, chosen, rejected } = input as RewardInput;
      const tr = await getTranslations("reward");
      return (
        <>
          <p className="item-text">{prompt}</p>
          <p className="small muted">{tr("chosen")}</p>
          <p className="item-text">{chosen}</p>
          <p className="small muted">{tr("rejected")}</p>
          <p className="item-text">{rejected}</p>
        </>
      );
    }
    case "perplexity":
      // A corpus document can be long: the page shows its start (the whole text is scored).
      return <p className="item-text">{clip((input as PerplexityInput).text, 20_000)}</p>;
    case "scale": {
      const item = input as ScaleInput;
      return (
        <>
          <p className="item-text">
            {item.n}. {item.zh}
          </p>
          {item.en && <p className="item-text muted">{item.en}</p>}
          <dl className="kv small">
            {item.subscale && (
              <>
                <dt>{t("subscale")}</dt>
                <dd>{item.subscale}</dd>
              </>
            )}
            {item.statementDirection && (
              <>
                <dt>{t("direction")}</dt>
                <dd>{item.statementDirection}</dd>
              </>
            )}
            <dt>{t("stigmaWhenAgree")}</dt>
            <dd>{(gold as ScaleGold).stigmaWhenAgree ? t("yes") : t("no")}</dd>
          </dl>
        </>
      );
    }
  }
}

function References({ refs, label }: { refs: string[]; label: string }) {
  return (
    <details className="small">
      <summary>
        {label} ({refs.length})
      </summary>
      {refs.map((ref, i) => (
        <p className="item-text" key={i}>
          {ref}
        </p>
      ))}
    </details>
  );
}
