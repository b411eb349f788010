import { taskKinds, type TaskKind } from "@/lib/suites/types";
import { dialogueTask } from "./dialogue";
import { instructionTask } from "./instruction";
import { mcqTask } from "./mcq";
import { nerTask } from "./ner";
import { openQaTask } from "./open-qa";
import { perplexityTask } from "./perplexity";
import { rewardTask } from "./reward";
import { scaleTask } from "./scale";
import type { TaskDefinition } from "./types";

/** The task registry: one definition per task kind; runner, leaderboard and UI look kinds up here. */
export const tasks = {
  mcq: mcqTask,
  ner: nerTask,
  open_qa: openQaTask,
  dialogue: dialogueTask,
  instruction: instructionTask,
  scale: scaleTask,
  reward: rewardTask,
  perplexity: perplexityTask,
} as const satisfies Record<TaskKind, TaskDefinition>;

export const isTaskKind = (kind: string): kind is TaskKind => (taskKinds as readonly string[]).includes(kind);

export function taskOf(kind: TaskKind): TaskDefinition {
  return tasks[kind];
}

/** For values read back from storage or the API as plain strings; undefined for a kind this build does not know. */
export function findTask(kind: string): TaskDefinition | undefined {
  return isTaskKind(kind) ? tasks[kind] : undefined;
}

/** Whether a lower value of this metric is better (perplexity's bits); higher is better for every other metric. */
export function lowerIsBetter(kind: string, metric: string): boolean {
  return findTask(kind)?.metrics.lowerIsBetter?.includes(metric) ?? false;
}

/** Whether the kind's headline metric (the one per-item scores, comparisons and the "best" rule use) is lower-is-better. */
export function headlineLowerIsBetter(kind: string): boolean {
  const task = findTask(kind);
  return task ? lowerIsBetter(kind, task.metrics.headline) : false;
}

export type { ProviderCapability, TaskDefinition } from "./types";
