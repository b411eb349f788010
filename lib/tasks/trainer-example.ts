import type { ChatMessage, DialogueInput, InstructionInput, McqGold, McqInput, NerGold, NerInput, OpenQaInput, RewardInput } from "@/lib/suites/types";
import type { ContextItem } from "./context";

/**
 * One suite item as training data, in the shape its task kind trains: supervised pairs (mcq, open_qa, ner,
 * instruction), a conversation ending with the reference answer (dialogue), a preference tuple (reward), or
 * plain text (pre-training; the `perplexity` kind returns `{ shape: "text", text }`).
 */
export type TrainerExample =
  | { shape: "sft"; instruction: string; input: string; output: string }
  | { shape: "messages"; messages: ChatMessage[] }
  | { shape: "ranking"; prompt: string; chosen: string; rejected: string }
  | { shape: "text"; text: string };

export type TrainerShape = TrainerExample["shape"];

/** A task kind's training data: its shape (one per kind) and how an item becomes an example. */
export interface TrainerData {
  shape: TrainerShape;
  example(item: ContextItem): TrainerExample;
}

const firstReference = (gold: Record<string, unknown>) => (Array.isArray(gold.references) ? String(gold.references[0] ?? "") : "");

export const mcqTrainer: TrainerData = { shape: "sft", example: mcqExample };
function mcqExample(item: ContextItem): TrainerExample {
  const { question, options } = item.input as McqInput;
  const { answer } = item.gold as McqGold;
  const lines = Object.entries(options).map(([letter, text]) => `${letter}. ${text}`);
  return { shape: "sft", instruction: [question, ...lines].join("\n"), input: "", output: `${answer}. ${options[answer] ?? ""}`.trim() };
}

export const openQaTrainer: TrainerData = { shape: "sft", example: openQaExample };
function openQaExample(item: ContextItem): TrainerExample {
  const { question, context } = item.input as OpenQaInput;
  return { shape: "sft", instruction: question, input: context ?? "", output: firstReference(item.gold) };
}

export const instructionTrainer: TrainerData = { shape: "sft", example: instructionExample };
function instructionExample(item: ContextItem): TrainerExample {
  return { shape: "sft", instruction: (item.input as InstructionInput).prompt, input: "", output: firstReference(item.gold) };
}

export const nerTrainer: TrainerData = { shape: "sft", example: nerExample };
function nerExample(item: ContextItem): TrainerExample {
  const entities = (item.gold as NerGold).entities.map(({ text, type }) => ({ text, type }));
  return { shape: "sft", instruction: (item.input as NerInput).text, input: "", output: JSON.stringify(entities) };
}

export const dialogueTrainer: TrainerData = { shape: "messages", example: dialogueExample };
function dialogueExample(item: ContextItem): TrainerExample {
  const history = (item.input as DialogueInput).history.map(({ role, content }) => ({ role, content }));
  return { shape: "messages", messages: [...history, { role: "assistant", content: firstReference(item.gold) }] };
}

export const rewardTrainer: TrainerData = { shape: "ranking", example: rewardExample };
function rewardExample(item: ContextItem): TrainerExample {
  const { prompt, chosen, rejected } = item.input as RewardInput;
  return { shape: "ranking", prompt, chosen, rejected };
}

/** The part of an example a model is asked (question) and the part it should produce (answer). */
export function questionAndAnswer(example: TrainerExample): { question: string; answer: string } {
  switch (example.shape) {
    case "sft":
      return { question: example.input ? `${example.instruction}\n${example.input}` : example.instruction, answer: example.output };
    case "messages": {
      const last = example.messages.at(-1);
      const asked = example.messages.slice(0, -1).map((m) => m.content).join("\n");
      return { question: asked, answer: last?.content ?? "" };
    }
    case "ranking":
      return { question: example.prompt, answer: example.chosen };
    case "text":
      return { question: example.text, answer: "" };
  }
}

/** For text (perplexity) suites: `trainer: textTrainer` in their task file makes them pre-training data. */
export const textTrainer: TrainerData = {
  shape: "text",
  example: (item) => ({ shape: "text", text: typeof item.input.text === "string" ? item.input.text : "" }),
};
