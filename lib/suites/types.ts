import { z } from "zod";

export const taskKinds = ["mcq", "ner", "open_qa", "dialogue", "instruction", "scale", "reward", "perplexity"] as const;
export type TaskKind = (typeof taskKinds)[number];

export const chatMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** Item payloads per task kind: `input` is what the prompt is built from, `gold` what scoring compares with. */
export const mcqInputSchema = z.object({
  question: z.string().min(1),
  options: z.record(z.string().regex(/^[A-Z]$/), z.string()),
  subject: z.string().optional(),
});
export const mcqGoldSchema = z.object({ answer: z.string().regex(/^[A-Z]$/) });

export const nerEntitySchema = z.object({
  text: z.string().min(1),
  type: z.string().min(1),
  offset: z.number().int().nonnegative().optional(),
});
export const nerInputSchema = z.object({ text: z.string().min(1) });
export const nerGoldSchema = z.object({ entities: z.array(nerEntitySchema) });

export const openQaInputSchema = z.object({
  question: z.string().min(1),
  context: z.string().optional(),
});
export const referencesGoldSchema = z.object({ references: z.array(z.string()).min(1) });

export const dialogueInputSchema = z.object({
  /** Alternating user/assistant turns ending with the user turn the model answers. */
  history: z.array(chatMessageSchema).min(1),
});

/** A prompt sent exactly as written (PromptCBLUE and similar instruction sets); the target is the reference. */
export const instructionInputSchema = z.object({ prompt: z.string().min(1) });

export const scaleInputSchema = z.object({
  n: z.number().int().positive(),
  zh: z.string().min(1),
  en: z.string().nullable(),
  subscale: z.string().nullish(),
  statementDirection: z.enum(["pro", "anti"]).optional(),
});
export const scaleGoldSchema = z.object({ stigmaWhenAgree: z.boolean() });

/** A preference tuple: the answer a person preferred and the one they rejected, to the same prompt. */
export const rewardInputSchema = z.object({
  prompt: z.string().min(1),
  chosen: z.string().min(1),
  rejected: z.string().min(1),
});
/** Which answer is preferred is part of the tuple itself; the gold holds nothing more. */
export const rewardGoldSchema = z.object({}).strict();

/** A held-out document whose own text is scored (perplexity); there is no answer to compare with. */
export const perplexityInputSchema = z.object({ text: z.string().min(1) });
export const perplexityGoldSchema = z.object({}).strict();

export type McqInput = z.infer<typeof mcqInputSchema>;
export type McqGold = z.infer<typeof mcqGoldSchema>;
export type NerEntity = z.infer<typeof nerEntitySchema>;
export type NerInput = z.infer<typeof nerInputSchema>;
export type NerGold = z.infer<typeof nerGoldSchema>;
export type OpenQaInput = z.infer<typeof openQaInputSchema>;
export type ReferencesGold = z.infer<typeof referencesGoldSchema>;
export type DialogueInput = z.infer<typeof dialogueInputSchema>;
export type InstructionInput = z.infer<typeof instructionInputSchema>;
export type ScaleInput = z.infer<typeof scaleInputSchema>;
export type ScaleGold = z.infer<typeof scaleGoldSchema>;
export type RewardInput = z.infer<typeof rewardInputSchema>;
export type PerplexityInput = z.infer<typeof perplexityInputSchema>;

export const itemSchemas = {
  mcq: { input: mcqInputSchema, gold: mcqGoldSchema },
  ner: { input: nerInputSchema, gold: nerGoldSchema },
  open_qa: { input: openQaInputSchema, gold: referencesGoldSchema },
  dialogue: { input: dialogueInputSchema, gold: referencesGoldSchema },
  instruction: { input: instructionInputSchema, gold: referencesGoldSchema },
  scale: { input: scaleInputSchema, gold: scaleGoldSchema },
  reward: { input: rewardInputSchema, gold: rewardGoldSchema },
  perplexity: { input: perplexityInputSchema, gold: perplexityGoldSchema },
} as const;

export interface SuiteItem {
  /** Stable id inside the suite (e.g. "anatomy/12", "test/37"). */
  externalId: string;
  /** "test" is evaluated; "dev" feeds few-shot exemplars. */
  split: "test" | "dev";
  /** Grouping shown in breakdowns: subject, department, entity set, subscale, "safety"... */
  subset?: string;
  input: Record<string, unknown>;
  gold: Record<string, unknown>;
}

export interface SuiteDefinition {
  id: string;
  name: { en: string; zh: string };
  taskKind: TaskKind;
  description?: { en: string; zh: string };
  licence: string;
  source: string;
  citation?: string;
  /** Task-specific settings: NER type labels, scale options and keys, prompt template overrides. */
  config: Record<string, unknown>;
  items: SuiteItem[];
}
