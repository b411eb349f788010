// Assembles a LoadedModel from a session and the export's JSON side files, however they were read (disk, fetch, OPFS).
import type { LoadedModel } from "./generate";
import { cacheShape, endIds } from "./model-config";
import type { OrtSession, OrtTensorConstructor } from "./ort-types";
import { createChatTokenizer } from "./tokenizer";

export interface ModelSideFiles {
  config: Record<string, unknown>;
  generationConfig: Record<string, unknown> | null;
  tokenizer: object;
  tokenizerConfig: Record<string, unknown>;
}

export function assembleModel(session: OrtSession, Tensor: OrtTensorConstructor, files: ModelSideFiles): LoadedModel {
  const tokenizer = createChatTokenizer(files.tokenizer, files.tokenizerConfig);
  const eos = files.tokenizerConfig.eos_token;
  const eosText = typeof eos === "string" ? eos : (eos as { content?: string } | undefined)?.content;
  const vocab = (files.tokenizer as { added_tokens?: { id: number; content: string }[] }).added_tokens ?? [];
  const eosId = vocab.find((t) => t.content === eosText)?.id;
  return { session, Tensor, tokenizer, cache: cacheShape(files.config, session), endIds: endIds(files.config, files.generationConfig, eosId) };
}
