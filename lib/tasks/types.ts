import type { DecodingParams, TokenLogprob } from "@/lib/providers/types";
import type { ScalePresentation } from "@/lib/suites/scales";
import type { ChatMessage, TaskKind } from "@/lib/suites/types";
import type { ContextItem, SuiteContext } from "./context";
import type { TrainerData } from "./trainer-example";

/** What a model must offer to run a task kind. */
export type ProviderCapability = "chat" | "completion_logprobs" | "reward_score";

/** A prompt ready to send: the same (item, sample, settings) always gives the same prompt. */
export interface PreparedPrompt {
  messages: ChatMessage[];
  params: DecodingParams;
  presentation?: ScalePresentation;
  /** When the answer mode reads logprobs: the option labels or scale points whose first-token logprobs it reads. */
  logprobLabels?: string[];
}
export type PreparedRequest = PreparedPrompt | { error: string };

/** A model's raw answer as the scorer sees it, whoever produced it (a server runner or a browser). */
export interface RawAnswer {
  text: string;
  topLogprobs?: TokenLogprob[];
}

export interface ScoredAnswer {
  outcome: "scored" | "unparsed" | "refused";
  parsed: unknown;
  scores: Record<string, unknown>;
}

export interface FinishedRow {
  sample: number;
  outcome: string | null;
  parsed: unknown;
  scores: Record<string, unknown> | null;
  subset: string | null;
  /** The suite item's id, where the reader of the rows has it (perplexity lists documents by it). */
  externalId?: string;
  /** The scale item's number (null for benchmark items). */
  itemN: number | null;
}

export interface RunAggregate {
  metrics: Record<string, number>;
  ci: Record<string, [number, number]>;
  summary: Record<string, unknown>;
}

/** Run settings a task kind uses; the run form shows only these and the others are frozen at their defaults. */
export interface TaskOptions {
  shots: boolean;
  template: boolean;
  answerMode: boolean;
  tokenizer: boolean;
  scaleVariants: boolean;
  /** Strided windows over long documents (context and stride in characters). */
  windows?: boolean;
}

/** Everything that differs between task kinds, in one object per kind (lib/tasks/<kind>.ts). */
export interface TaskDefinition {
  kind: TaskKind;
  capability: ProviderCapability;
  defaults: { maxTokens: number; samples: number; greedyPass: boolean };
  options: TaskOptions;
  metrics: {
    /** The number a runs list shows. */
    headline: string;
    /** Metrics the leaderboard lists (fractions shown in percent); empty when the kind has its own page. */
    leaderboard: readonly string[];
    /** "percent": fractions shown ×100; "plain": the metric's own units (scale scores). */
    display: "percent" | "plain";
    /** Metrics where a lower number is better (perplexity): boards and comparisons sort these ascending. */
    lowerIsBetter?: readonly string[];
  };
  /** The run needs every test item of the suite, not only the ones it asks (a scale is defined by all). */
  needsAllItems: boolean;
  /** The messages of one administration, without decoding parameters. */
  prompt(ctx: SuiteContext, item: ContextItem, sample: number): Omit<PreparedPrompt, "params"> | { error: string };
  /** Whether the request asks for the top logprobs of the first answer token. */
  wantsLogprobs(ctx: SuiteContext): boolean;
  score(ctx: SuiteContext, item: ContextItem, sample: number, prepared: PreparedPrompt, answer: RawAnswer): ScoredAnswer;
  aggregate(ctx: SuiteContext, rows: readonly FinishedRow[]): RunAggregate;
  /**
   * The item as training data (suite exports for LLaMA-Factory and TRL) and the text contamination checks.
   * Absent for kinds that are not training data (attitude scales).
   */
  trainer?: TrainerData;
}
