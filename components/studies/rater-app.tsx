"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import type { PairAnswer, RaterTaskView, RaterView } from "@/lib/studies/rater-view";
import { ConsentStep } from "./consent-step";
import { PairTask } from "./pair-task";
import styles from "./rate.module.css";
import { useSaveQueue } from "./save-queue";

type Answers = Record<string, number | PairAnswer | null>;

const isAnswered = (a: number | PairAnswer | null | undefined) =>
  a !== null && a !== undefined && (typeof a === "number" || a.choice !== null);

/** The rater's page: consent and optional profile, then one task at a time; every answer saved as it is given. */
export function RaterApp({ token, view }: { token: string; view: RaterView }) {
  const t = useTranslations("rate");
  const locale = useLocale();
  const { save, state } = useSaveQueue(token);
  const [consented, setConsented] = useState(view.consented);
  const [answers, setAnswers] = useState<Answers>(() => Object.fromEntries(view.tasks.map((task) => [task.id, task.answer])));
  const firstOpen = view.tasks.findIndex((task) => !isAnswered(task.answer));
  const [index, setIndex] = useState(firstOpen < 0 ? view.tasks.length : firstOpen);
  const done = useMemo(() => view.tasks.filter((task) => isAnswered(answers[task.id])).length, [answers, view.tasks]);
  const total = view.tasks.length;

  if (!view.study.open) return <p className="notice">{t("closed")}</p>;
  if (!consented) return <ConsentStep token={token} view={view} onDone={() => setConsented(true)} />;

  const task: RaterTaskView | undefined = view.tasks[index];
  const answer = (taskId: string, value: number | PairAnswer, body: unknown) => {
    setAnswers((old) => ({ ...old, [taskId]: value }));
    save(taskId, body);
  };

  return (
    <div className={styles.app}>
      <div className={styles.progress}>
        <p className="small" aria-label={t("progressLabel", { done, total })} data-testid="rate-progress">
          {t("progress", { done: Math.min(index + 1, total), total })}
        </p>
        <div className={styles.bar} role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
          <div className={styles.barFill} style={{ width: `${total ? (100 * done) / total : 0}%` }} />
        </div>
        <p className={`small ${styles.status}`} role="status" data-testid="save-state">
          {state === "saving" ? t("saving") : state === "retrying" ? t("retrying") : state === "offline" ? t("offline") : typeof state === "object" ? t("refused", { error: state.refused }) : done > 0 ? t("saved") : ""}
        </p>
      </div>
      {!task ? (
        <p className="notice notice-ok" data-testid="rate-done">
          {t("done")}
        </p>
      ) : task.kind === "scale_item" ? (
        <section aria-labelledby="task-heading">
          <h2 id="task-heading">{t("scaleHeading", { scale: locale === "en" ? task.scale.en : task.scale.zh, n: task.itemN })}</h2>
          <p className={`item-text ${styles.statement}`} data-testid="statement">
            {locale === "en" && task.text.en ? task.text.en : task.text.zh}
          </p>
          <p className="small muted">{t("scaleHint")}</p>
          <div className={styles.options} role="group" aria-label={t("scaleHint")}>
            {task.options.map((option, position) => (
              <button
                key={position}
                type="button"
                aria-pressed={answers[task.id] === position}
                className={`${styles.option} ${answers[task.id] === position ? styles.chosen : ""}`}
                onClick={() => {
                  answer(task.id, position, { kind: "scale_item", position });
                  setIndex(index + 1);
                }}
              >
                {locale === "en" ? option.en : option.zh}
              </button>
            ))}
          </div>
        </section>
      ) : (
        <PairTask
          key={task.id}
          task={task}
          answer={(answers[task.id] as PairAnswer | null) ?? null}
          onAnswer={(value) =>
            value.choice === null
              ? setAnswers((old) => ({ ...old, [task.id]: value }))
              : answer(task.id, value, {
              kind: "pair",
              choice: value.choice,
              comment: value.comment,
              rated: value.rated,
              correctness: value.correctness,
              safety: value.safety,
            })
          }
        />
      )}
      <div className={styles.nav}>
        <button type="button" className={`button ${styles.cta}`} disabled={index === 0} onClick={() => setIndex(index - 1)}>
          {t("back")}
        </button>
        {task && (
          <button type="button" className={`button button-primary ${styles.cta}`} disabled={!isAnswered(answers[task.id])} onClick={() => setIndex(index + 1)}>
            {t("next")}
          </button>
        )}
      </div>
    </div>
  );
}

