// The generation loop: prefill, then one token at a time with the key/value cache, over any onnxruntime backend.
import type { TokenLogprob } from "@/lib/providers/types";
import { createRng } from "@/lib/random";
import { floatData } from "./half";
import type { CacheShape } from "./model-config";
import type { OrtSession, OrtTensor, OrtTensorConstructor } from "./ort-types";
import { argmax, logSoftmax, sampleToken, topK } from "./sampling";
import type { ChatTokenizer } from "./tokenizer";

export interface LoadedModel {
  session: OrtSession;
  Tensor: OrtTensorConstructor;
  tokenizer: ChatTokenizer;
  cache: CacheShape;
  endIds: readonly number[];
}

export interface GenerateOptions {
  maxTokens: number;
  /** 0 (or absent) decodes greedily. */
  temperature?: number;
  topP?: number;
  seed?: number;
  stop?: readonly string[];
  /** How many alternatives to report at the first generated token (log-probabilities before temperature). */
  topLogprobs?: number;
  /**
   * Labels (option letters, scale points) whose first token's log-probability at the first generated token is
   * reported too when it is not among the top alternatives: the likelihood answer modes read every label's.
   */
  labelLogprobs?: readonly string[];
  signal?: AbortSignal;
}

export interface Generation {
  text: string;
  tokenIds: number[];
  finishReason: "stop" | "length";
  promptTokens: number;
  completionTokens: number;
  /** The top alternatives at the first generated token, largest first, then each label's first token not among them. */
  topLogprobs?: TokenLogprob[];
  prefillMs: number;
  decodeMs: number;
}

type Past = Record<string, OrtTensor>;

function emptyPast(model: LoadedModel): Past {
  const { layers, kvHeads, headDim, kvType } = model.cache;
  const past: Past = {};
  for (let l = 0; l < layers; l++) {
    for (const part of ["key", "value"]) {
      past[`past_key_values.${l}.${part}`] = new model.Tensor(kvType, kvType === "float16" ? new Uint16Array(0) : new Float32Array(0), [1, kvHeads, 0, headDim]);
    }
  }
  return past;
}

/** Runs ids at positions [pastLength, pastLength + ids.length); returns the logits and the grown cache. */
async function step(model: LoadedModel, ids: readonly number[], pastLength: number, past: Past) {
  const { Tensor, session } = model;
  const total = pastLength + ids.length;
  const all: Record<string, OrtTensor> = {
    input_ids: new Tensor("int64", BigInt64Array.from(ids, BigInt), [1, ids.length]),
    attention_mask: new Tensor("int64", new BigInt64Array(total).fill(1n), [1, total]),
    position_ids: new Tensor("int64", BigInt64Array.from(ids, (_, i) => BigInt(pastLength + i)), [1, ids.length]),
    // Merged decoders (decoder_model_merged.onnx) pick their branch by this flag.
    use_cache_branch: new Tensor("bool", [pastLength > 0], [1]),
    ...past,
  };
  const feeds = Object.fromEntries(session.inputNames.filter((n) => n in all).map((n) => [n, all[n]]));
  const out = await session.run(feeds);
  for (const t of Object.values(past)) t.dispose?.();
  const next: Past = {};
  for (const name of session.outputNames) {
    const m = /^present\.(\d+)\.(key|value)$/.exec(name);
    if (m) next[`past_key_values.${m[1]}.${m[2]}`] = out[name];
  }
  const logits = out.logits;
  const vocab = logits.dims[logits.dims.length - 1];
  const data = floatData(logits.type, logits.data);
  return { logits: data, vocab, rows: ids.length, past: next };
}

function earliestStop(text: string, stops: readonly string[]): number {
  let at = -1;
  for (const s of stops) {
    const i = s ? text.indexOf(s) : -1;
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}

function firstTokenLogprobs(model: LoadedModel, logprobs: Float64Array, options: GenerateOptions): TokenLogprob[] {
  const ids = options.topLogprobs ? topK(logprobs, options.topLogprobs) : [];
  for (const label of options.labelLogprobs ?? []) {
    const id = model.tokenizer.encode(label)[0];
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids.map((id) => ({ token: model.tokenizer.decode([id]), logprob: logprobs[id] }));
}

export async function generate(model: LoadedModel, promptIds: readonly number[], options: GenerateOptions): Promise<Generation> {
  if (promptIds.length === 0) throw new Error("empty prompt");
  const temperature = options.temperature ?? 0;
  const topP = options.topP ?? 1;
  const random = createRng(options.seed ?? 0);
  const stops = options.stop ?? [];
  const ends = new Set(model.endIds);
  const tokenIds: number[] = [];
  let past = emptyPast(model);
  let pastLength = 0;
  let input: readonly number[] = promptIds;
  let topLogprobs: TokenLogprob[] | undefined;
  let finishReason: Generation["finishReason"] = "length";
  let text = "";
  const started = performance.now();
  let prefillMs = 0;
  try {
    while (tokenIds.length < options.maxTokens) {
      options.signal?.throwIfAborted();
      const out = await step(model, input, pastLength, past);
      past = out.past;
      pastLength += input.length;
      if (tokenIds.length === 0) prefillMs = performance.now() - started;
      const logprobs = logSoftmax(out.logits, out.vocab, out.rows - 1);
      if (tokenIds.length === 0 && (options.topLogprobs || options.labelLogprobs?.length)) topLogprobs = firstTokenLogprobs(model, logprobs, options);
      const next = temperature > 0 ? sampleToken(logprobs, { temperature, topP }, random()) : argmax(logprobs);
      if (ends.has(next)) {
        finishReason = "stop";
        break;
      }
      tokenIds.push(next);
      input = [next];
      if (stops.length > 0) {
        text = model.tokenizer.decode(tokenIds);
        const cut = earliestStop(text, stops);
        if (cut >= 0) {
          text = text.slice(0, cut);
          finishReason = "stop";
          break;
        }
      }
    }
  } finally {
    for (const t of Object.values(past)) t.dispose?.();
  }
  if (finishReason === "length" || stops.length === 0) text = model.tokenizer.decode(tokenIds);
  return {
    text,
    tokenIds,
    finishReason,
    promptTokens: promptIds.length,
    completionTokens: tokenIds.length,
    topLogprobs,
    prefillMs,
    decodeMs: performance.now() - started - prefillMs,
  };
}

/** How many prompt tokens one forward pass of promptLogprobs takes (bounds the logits block: chunk × vocab floats). */
const CHUNK = 64;

/** log P(token i | tokens before i) for every token of ids; the first is null (nothing precedes it). */
export async function tokenLogprobs(model: LoadedModel, ids: readonly number[], signal?: AbortSignal): Promise<(number | null)[]> {
  const result: (number | null)[] = ids.length > 0 ? [null] : [];
  let past = emptyPast(model);
  try {
    for (let start = 0; start < ids.length; start += CHUNK) {
      signal?.throwIfAborted();
      const chunk = ids.slice(start, start + CHUNK);
      const out = await step(model, chunk, start, past);
      past = out.past;
      for (let r = 0; r < out.rows; r++) {
        const target = start + r + 1;
        if (target < ids.length) result.push(logSoftmax(out.logits, out.vocab, r)[ids[target]]);
      }
    }
  } finally {
    for (const t of Object.values(past)) t.dispose?.();
  }
  return result;
}

/** Tokens of text with their log-probabilities and character offsets (the perplexity task's provider method). */
export async function promptLogprobs(model: LoadedModel, text: string, signal?: AbortSignal) {
  const ids = model.tokenizer.encode(text);
  const logprobs = await tokenLogprobs(model, ids, signal);
  const tokens = ids.map((id) => model.tokenizer.decode([id]));
  return { tokens, logprobs, offsets: tokenOffsets(model.tokenizer.decode, ids, text) };
}

/** Farthest a token's text is looked for past an unaligned token (an unknown character is one code point). */
const RESYNC_CHARS = 16;

/**
 * Where each token starts in text, in code points (what the perplexity scorer counts). Tokens that decode to
 * nothing of the text (the unknown token, part of a character's bytes) start where the text aligned so far
 * ends; the next token whose text is found a little further on resumes the alignment from there, so one
 * unknown character does not shift every later offset.
 */
export function tokenOffsets(decode: (ids: readonly number[]) => string, ids: readonly number[], text: string): number[] {
  const chars = [...text];
  const startsAt = (piece: string[], at: number) => piece.every((c, k) => chars[at + k] === c);
  const usable = (piece: string[]) => piece.length > 0 && !piece.includes("\uFFFD");
  const offsets: number[] = [];
  let pos = 0;
  // First token not yet placed in the text: pieces of one character's bytes decode together.
  let from = 0;
  for (let i = 0; i < ids.length; i++) {
    const group = [...decode(ids.slice(from, i + 1))];
    if (usable(group) && startsAt(group, pos)) {
      offsets.push(pos);
      pos += group.length;
      from = i + 1;
      continue;
    }
    const own = [...decode([ids[i]])];
    const at = usable(own) ? Array.from({ length: RESYNC_CHARS + 1 }, (_, k) => pos + k).find((a) => startsAt(own, a)) : undefined;
    if (at === undefined) {
      offsets.push(pos);
      continue;
    }
    offsets.push(at);
    pos = at + own.length;
    from = i + 1;
  }
  return offsets;
}
