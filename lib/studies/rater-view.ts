import { clip } from "@/lib/clip";
import { scaleDefinitionOf } from "@/lib/audit/scale-info";
import type { Db } from "@/lib/db/client";
import { listRaterTasks, listRunAnswers, listScaleSuiteConfigs } from "@/lib/db/queries/studies";
import type { Rater, Study } from "@/lib/db/schema";
import type { ChatMessage } from "@/lib/suites/types";
import { raterOptionValues, raterOptions } from "./scale-options";

/** Longest answer text shown to a rater; a longer one is cut with a note. */
export const MAX_ANSWER_CHARS = 12_000;

export type Side = "left" | "right";

export interface PairAnswer {
  choice: Side | "tie" | null;
  comment: string | null;
  rated: Side | null;
  correctness: number | null;
  safety: number | null;
}

/** What a rater's page shows of one task: text only, never a model, a run or another rater. */
export type RaterTaskView =
  | {
      id: string;
      kind: "scale_item";
      scale: { en: string; zh: string };
      itemN: number;
      text: { en: string | null; zh: string };
      options: { en: string; zh: string }[];
      /** Shown position of the answer given, or null. */
      answer: number | null;
    }
  | {
      id: string;
      kind: "pair";
      question: string | null;
      context: string | null;
      history: ChatMessage[];
      left: string;
      right: string;
      answer: PairAnswer | null;
    };

export interface RaterView {
  study: { title: string; language: string; consentText: string; open: boolean };
  consented: boolean;
  profile: Record<string, unknown> | null;
  tasks: RaterTaskView[];
}

const sideOf = (runId: string | null, leftRunId: string | null): Side | null =>
  runId === null ? null : runId === leftRunId ? "left" : "right";

/** The rater's whole study as their page needs it, with the answers already given (so they resume exactly). */
export async function loadRaterView(db: Db, { rater, study, open }: { rater: Rater; study: Study; open: boolean }): Promise<RaterView> {
  const tasks = await listRaterTasks(db, { raterId: rater.id });
  const pairTasks = tasks.filter((t) => t.kind === "pair");
  const [configs, answers] = await Promise.all([
    listScaleSuiteConfigs(db, { suiteIds: study.scaleSuiteIds }),
    listRunAnswers(db, { runIds: study.runIds, itemIds: [...new Set(pairTasks.map((t) => t.itemId))] }),
  ]);
  const scales = new Map(configs.map((c) => [c.id, { name: c.name, scale: scaleDefinitionOf(c.config, []) }]));
  const answerOf = (runId: string | null, itemId: string) =>
    clip(answers.find((a) => a.runId === runId && a.itemId === itemId)?.rawResponse ?? "", MAX_ANSWER_CHARS);
  const views = tasks.flatMap((t): RaterTaskView[] => {
    const input = t.input as Record<string, unknown>;
    if (t.kind === "scale_item") {
      const found = scales.get(t.suiteId);
      if (!found) return [];
      const n = Number(input.n);
      const values = raterOptionValues(found.scale, study.optionOrder, rater.id, n);
      return [
        {
          id: t.id,
          kind: "scale_item",
          scale: found.name,
          itemN: n,
          text: { zh: String(input.zh ?? ""), en: typeof input.en === "string" ? input.en : null },
          options: raterOptions(found.scale, study.optionOrder, rater.id, n),
          answer: t.value === null ? null : values.indexOf(t.value),
        },
      ];
    }
    const right = t.leftRunId === t.runAId ? t.runBId : t.runAId;
    const choice = t.choice === "tie" ? "tie" : t.choice === "a" ? sideOf(t.runAId, t.leftRunId) : t.choice === "b" ? sideOf(t.runBId, t.leftRunId) : null;
    return [
      {
        id: t.id,
        kind: "pair",
        question: typeof input.question === "string" ? input.question : null,
        context: typeof input.context === "string" ? input.context : null,
        history: Array.isArray(input.history) ? (input.history as ChatMessage[]) : [],
        left: answerOf(t.leftRunId, t.itemId),
        right: answerOf(right, t.itemId),
        answer: t.judged
          ? {
              choice,
              comment: t.comment,
              rated: t.ratedRunId ? sideOf(t.ratedRunId, t.leftRunId) : null,
              correctness: t.correctness,
              safety: t.safety,
            }
          : null,
      },
    ];
  });
  return {
    study: { title: study.title, language: study.language, consentText: study.consentText, open },
    consented: rater.consentedAt !== null,
    profile: rater.profile,
    tasks: views,
  };
}
