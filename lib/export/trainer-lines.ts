import { llamaFactoryDatasetInfo, toShareGpt } from "@/lib/studies/export";
import type { TrainerExample, TrainerShape } from "@/lib/tasks/trainer-example";

export const trainerFormats = ["trl", "llamafactory"] as const;
export type TrainerFormat = (typeof trainerFormats)[number];

const userTurn = (instruction: string, input: string) => (input ? `${instruction}\n\n${input}` : instruction);

/** TRL's dataset fields: `messages` (SFT, conversational), `prompt/chosen/rejected` (reward, DPO), `text` (language modelling). */
export function trlLine(example: TrainerExample): object {
  switch (example.shape) {
    case "sft":
      return {
        messages: [
          { role: "user", content: userTurn(example.instruction, example.input) },
          { role: "assistant", content: example.output },
        ],
      };
    case "messages":
      return { messages: example.messages };
    case "ranking":
      return { prompt: example.prompt, chosen: example.chosen, rejected: example.rejected };
    case "text":
      return { text: example.text };
  }
}

/** LLaMA-Factory's columns: alpaca (SFT and ranking), sharegpt (conversations), `text` (pre-training). */
export function llamaFactoryLine(example: TrainerExample): object {
  switch (example.shape) {
    case "sft":
      return { instruction: example.instruction, input: example.input, output: example.output };
    case "messages": {
      const { conversations, system } = toShareGpt(example.messages);
      return { conversations, ...(system ? { system } : {}) };
    }
    case "ranking":
      return { instruction: example.prompt, input: "", chosen: example.chosen, rejected: example.rejected };
    case "text":
      return { text: example.text };
  }
}

/** The `dataset_info.json` entry that tells LLaMA-Factory how to read `fileName` (named after it, without `.jsonl`). */
export function llamaFactoryInfo(fileName: string, shape: TrainerShape): Record<string, unknown> {
  const name = fileName.replace(/\.jsonl$/, "");
  switch (shape) {
    case "sft":
      return { [name]: { file_name: fileName, columns: { prompt: "instruction", query: "input", response: "output" } } };
    case "messages":
      return {
        [name]: {
          file_name: fileName,
          formatting: "sharegpt",
          columns: { messages: "conversations", system: "system" },
          tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
        },
      };
    case "ranking":
      // The clinicians' preference exports use the same entry (lib/studies/export.ts).
      return llamaFactoryDatasetInfo(fileName, false);
    case "text":
      return { [name]: { file_name: fileName, columns: { prompt: "text" } } };
  }
}

/** Which LLaMA-Factory stage reads each shape (`stage:` in its training YAML), for the README and the UI. */
export const llamaFactoryStage: Record<TrainerShape, "pt" | "sft" | "rm"> = { text: "pt", sft: "sft", messages: "sft", ranking: "rm" };
