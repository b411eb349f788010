import type { RunSettingsInput } from "@/lib/validation/run-settings";
import { findTask } from "@/lib/tasks/index";

type Opt<K extends keyof RunSettingsInput> = readonly NonNullable<RunSettingsInput[K]>[];

export const templates = ["paper", "plain"] as const satisfies Opt<"template">;
export const answerModes = ["text", "logprobs"] as const satisfies Opt<"answerMode">;
export const tokenizers = ["char", "jieba"] as const satisfies Opt<"tokenizer">;
export const instructions = ["paper", "paper_verbatim", "neutral", "en"] as const satisfies Opt<"instruction">;
export const orders = ["published", "reversed", "shuffled"] as const satisfies Opt<"order">;
export const labelStyles = ["letters", "digits", "zh"] as const satisfies Opt<"labels">;

export interface NewRunState {
  modelId: string;
  suiteId: string;
  label: string;
  /** Chosen subsets; empty for all. */
  subsets: string[];
  limit: string;
  sampleSeed: string;
  maxTokens: string;
  topP: string;
  systemPrompt: string;
  shots: string;
  samples: string;
  temperature: string;
  seed: string;
  template: (typeof templates)[number];
  answerMode: (typeof answerModes)[number];
  tokenizer: (typeof tokenizers)[number];
  instruction: (typeof instructions)[number];
  order: (typeof orders)[number];
  labels: (typeof labelStyles)[number];
  contextChars: string;
  strideChars: string;
}

export const initialRunState: NewRunState = {
  modelId: "",
  suiteId: "",
  label: "",
  subsets: [],
  limit: "",
  sampleSeed: "",
  maxTokens: "",
  topP: "",
  systemPrompt: "",
  shots: "",
  samples: "",
  temperature: "",
  seed: "",
  template: "paper",
  answerMode: "text",
  tokenizer: "char",
  instruction: "paper",
  order: "published",
  labels: "letters",
  contextChars: "",
  strideChars: "",
};

const num = (value: string) => (value.trim() === "" ? undefined : Number(value));

/** Only what applies to the suite's task kind is sent; the server freezes defaults for the rest. */
export function settingsFromState(state: NewRunState, taskKind: string | undefined): RunSettingsInput {
  const settings: RunSettingsInput = {
    subsets: state.subsets.length > 0 ? state.subsets : undefined,
    limit: num(state.limit),
    sampleSeed: state.limit.trim() ? num(state.sampleSeed) : undefined,
    samples: num(state.samples),
    temperature: num(state.temperature),
    topP: num(state.topP),
    maxTokens: num(state.maxTokens),
    seed: num(state.seed),
    systemPrompt: state.systemPrompt.trim() || undefined,
  };
  const options = taskKind ? findTask(taskKind)?.options : undefined;
  if (options?.shots) settings.shots = num(state.shots);
  if (options?.template) settings.template = state.template;
  if (options?.answerMode) settings.answerMode = state.answerMode;
  if (options?.tokenizer) settings.tokenizer = state.tokenizer;
  if (options?.windows) Object.assign(settings, { contextChars: num(state.contextChars), strideChars: num(state.strideChars) });
  if (options?.scaleVariants) Object.assign(settings, { instruction: state.instruction, order: state.order, labels: state.labels });
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as RunSettingsInput;
}
