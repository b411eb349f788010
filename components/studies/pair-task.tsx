"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import type { PairAnswer, RaterTaskView } from "@/lib/studies/rater-view";
import styles from "./rate.module.css";

type Pair = Extract<RaterTaskView, { kind: "pair" }>;
const empty: PairAnswer = { choice: null, comment: null, rated: null, correctness: null, safety: null };

/** One blind pair: the question (and conversation), answers A and B as text, the choice and optional ratings. */
export function PairTask({ task, answer, onAnswer }: { task: Pair; answer: PairAnswer | null; onAnswer: (a: PairAnswer) => void }) {
  const t = useTranslations("rate");
  const current = answer ?? empty;
  // Comment and ratings are saved with the choice; changed after it, they are saved again (same task, one row).
  const change = (patch: Partial<PairAnswer>) => {
    onAnswer({ ...current, ...patch });
  };
  const rating = (name: "correctness" | "safety") => (
    <Field label={t(name)}>
      <select
        value={current[name] ?? ""}
        onChange={(e) => change({ [name]: e.target.value ? Number(e.target.value) : null, rated: current.rated ?? "left" })}
      >
        <option value="">{t("none")}</option>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <section aria-labelledby="task-heading">
      <h2 id="task-heading">{t("pairHeading")}</h2>
      {task.history.length > 0 && (
        <details open>
          <summary>{t("history")}</summary>
          <ol className="messages">
            {task.history.map((m, i) => (
              <li key={i} className={`message message-${m.role}`}>
                <div className="message-role small">{t(m.role)}</div>
                <div className="item-text">{m.content}</div>
              </li>
            ))}
          </ol>
        </details>
      )}
      {task.question && (
        <div className="card">
          <p className="small muted">{t("question")}</p>
          <p className="item-text" data-testid="pair-question">
            {task.context ? `${task.context}\n\n` : ""}
            {task.question}
          </p>
        </div>
      )}
      <div className={styles.answers}>
        {(["left", "right"] as const).map((side) => (
          <div key={side} className={`card ${styles.answer}`} data-testid={`answer-${side}`}>
            <p className="small muted">{side === "left" ? t("answerA") : t("answerB")}</p>
            <p className="item-text">{side === "left" ? task.left : task.right}</p>
          </div>
        ))}
      </div>
      <div className={styles.choices} role="group" aria-label={t("pairHeading")}>
        {(["left", "tie", "right"] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            aria-pressed={current.choice === choice}
            className={current.choice === choice ? styles.chosen : ""}
            onClick={() => change({ choice })}
          >
            {choice === "left" ? t("pickA") : choice === "right" ? t("pickB") : t("tie")}
          </button>
        ))}
      </div>
      <Field label={t("comment")}>
        <textarea
          maxLength={2000}
          rows={2}
          defaultValue={current.comment ?? ""}
          onBlur={(e) => current.choice && e.target.value !== (current.comment ?? "") && change({ comment: e.target.value || null })}
        />
      </Field>
      <details>
        <summary>{t("rateOne")}</summary>
        <div className={styles.ratings}>
          <Field label={t("rated")}>
            <select value={current.rated ?? "left"} onChange={(e) => change({ rated: e.target.value as "left" | "right" })}>
              <option value="left">{t("answerA")}</option>
              <option value="right">{t("answerB")}</option>
            </select>
          </Field>
          {rating("correctness")}
          {rating("safety")}
        </div>
      </details>
    </section>
  );
}
