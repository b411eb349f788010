import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinyModel } from "@/scripts/tiny-model/build";
import { generate, type LoadedModel, promptLogprobs, tokenOffsets } from "./generate";
import { assembleModel } from "./load";
import type { OrtSession, OrtTensorConstructor } from "./ort-types";

let dir: string;
let model: LoadedModel;
const readJson = (name: string) => JSON.parse(readFileSync(path.join(dir, name), "utf8"));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tiny-model-"));
  writeTinyModel(dir);
  const session = await ort.InferenceSession.create(path.join(dir, "onnx/model.onnx"));
  model = assembleModel(session as unknown as OrtSession, ort.Tensor as unknown as OrtTensorConstructor, {
    config: readJson("config.json"),
    generationConfig: readJson("generation_config.json"),
    tokenizer: readJson("tokenizer.json"),
    tokenizerConfig: readJson("tokenizer_config.json"),
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const prompt = (q: string) => model.tokenizer.encodeChat([{ role: "user", content: q }]);

describe("generation loop on the tiny model (onnxruntime-node)", () => {
  it("tokenizes the chat template with its special tokens as single ids", () => {
    const ids = prompt("心脏");
    expect(ids[0]).toBe(2); // <|im_start|>
    expect(model.tokenizer.decode(ids)).toBe("user\n心脏\nassistant\n");
    // <|im_start|> u s e r \n 心 脏 <|im_end|> \n <|im_start|> a s s i s t a n t \n
    expect(ids.length).toBe(1 + 4 + 1 + 2 + 1 + 1 + 1 + 9 + 1);
  });

  it("maps a character outside the vocabulary to the unknown token", () => {
    expect(model.tokenizer.encode("肺😀")).toEqual([model.tokenizer.encode("肺")[0], 0]);
  });

  it("decodes greedily: the same answer twice, and the cached loop equals recomputing the whole sequence", async () => {
    const ids = prompt("下列哪项是正确的？A. 心 B. 肝");
    const a = await generate(model, ids, { maxTokens: 12 });
    const b = await generate(model, ids, { maxTokens: 12 });
    expect(a.text).toBe(b.text);
    // Without a cache: each next token is the argmax after a full pass over prompt + answer so far.
    const uncached: number[] = [];
    for (let i = 0; i < a.tokenIds.length; i++) {
      const one = await generate(model, [...ids, ...uncached], { maxTokens: 1 });
      uncached.push(one.tokenIds[0]);
    }
    expect(uncached).toEqual(a.tokenIds);
  });

  it("gives different greedy answers to different questions", async () => {
    const questions = ["肺", "肝脏位于哪里？", "维生素C缺乏导致什么？", "A or B?", "选择正确答案：1 2 3", "细胞", "血压", "免疫"];
    const answers = new Set<string>();
    for (const q of questions) answers.add((await generate(model, prompt(q), { maxTokens: 8 })).text);
    expect(answers.size).toBeGreaterThanOrEqual(4);
  });

  /** A seeded sampled answer that runs to the token limit (the tiny model often ends after a label). */
  async function longAnswer(maxTokens: number) {
    for (let seed = 0; seed < 50; seed++) {
      const g = await generate(model, prompt("细胞"), { maxTokens, temperature: 1.5, seed });
      if (g.finishReason === "length") return { g, seed };
    }
    throw new Error("no answer reached the limit");
  }

  it("stops at max tokens with finish reason length", async () => {
    const { g } = await longAnswer(5);
    expect(g.completionTokens).toBe(5);
    expect([...g.text]).toHaveLength(5 - g.tokenIds.filter((id) => id === 0).length);
  });

  it("samples reproducibly for a seed, and differently across seeds", async () => {
    const ids = prompt("细胞");
    const run = (seed: number) => generate(model, ids, { maxTokens: 10, temperature: 2, seed });
    expect((await run(7)).tokenIds).toEqual((await run(7)).tokenIds);
    const texts = new Set<string>();
    for (const seed of [1, 2, 3, 4]) texts.add((await run(seed)).text);
    expect(texts.size).toBeGreaterThan(1);
  });

  it("cuts the answer at a stop sequence and reports stop", async () => {
    const { g: full, seed } = await longAnswer(16);
    const stop = full.text.slice(2, 4);
    const cut = await generate(model, prompt("细胞"), { maxTokens: 16, temperature: 1.5, seed, stop: ["never seen", stop] });
    expect(cut.finishReason).toBe("stop");
    expect(cut.text).toBe(full.text.slice(0, full.text.indexOf(stop)));
  });

  it("reports the top log-probabilities at the first token, largest first, summing to at most 1", async () => {
    const g = await generate(model, prompt("肺"), { maxTokens: 1, topLogprobs: 5 });
    const lps = g.topLogprobs!.map((t) => t.logprob);
    expect(lps).toHaveLength(5);
    expect([...lps].sort((a, b) => b - a)).toEqual(lps);
    expect(lps.reduce((s, l) => s + Math.exp(l), 0)).toBeLessThanOrEqual(1 + 1e-9);
    if (g.tokenIds.length) expect(g.topLogprobs![0].token).toBe(g.text);
  });

  /** The last row's logits of one forward pass over ids, straight from the session (no generation loop). */
  async function lastLogits(ids: number[]): Promise<Float32Array> {
    const { layers, kvHeads, headDim } = model.cache;
    const n = ids.length;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, BigInt), [1, n]),
      attention_mask: new ort.Tensor("int64", new BigInt64Array(n).fill(1n), [1, n]),
      position_ids: new ort.Tensor("int64", BigInt64Array.from(ids, (_, i) => BigInt(i)), [1, n]),
    };
    for (let l = 0; l < layers; l++) {
      for (const part of ["key", "value"]) feeds[`past_key_values.${l}.${part}`] = new ort.Tensor("float32", new Float32Array(0), [1, kvHeads, 0, headDim]);
    }
    const logits = (await (model.session as unknown as ort.InferenceSession).run(feeds)).logits;
    const vocab = logits.dims[2];
    return (logits.data as Float32Array).slice((n - 1) * vocab, n * vocab);
  }

  it("reports each requested label's first-token logprob exactly, also outside the top 20", async () => {
    const ids = prompt("以下哪项正确？A. 心 B. 肝");
    const logits = await lastLogits(ids);
    const max = Math.max(...logits);
    const logSum = Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0)) + max;
    const ranked = Array.from(logits.keys()).sort((a, b) => logits[b] - logits[a]);
    const top20 = ranked.slice(0, 20).map((id) => model.tokenizer.decode([id]));
    // One label in the top 20, and two ranked far down.
    const near = top20[3];
    const far = model.tokenizer.decode([ranked[500]]);
    expect(top20).not.toContain("Z");
    const g = await generate(model, ids, { maxTokens: 1, topLogprobs: 20, labelLogprobs: [near, far, "Z"] });
    const top = g.topLogprobs!;
    expect(top.slice(0, 20).map((t) => t.token)).toEqual(top20);
    // The label among the top 20 is not repeated; the two outside follow in the order asked.
    expect(top.slice(20).map((t) => t.token)).toEqual([far, "Z"]);
    const exact = (token: string) => logits[model.tokenizer.encode(token)[0]] - logSum;
    expect(top[20].logprob).toBeCloseTo(exact(far), 5);
    expect(top[21].logprob).toBeCloseTo(exact("Z"), 5);
    expect(top[20].logprob).toBeLessThan(top[19].logprob);
    // Labels alone (no top alternatives asked): just the labels.
    const only = await generate(model, ids, { maxTokens: 1, labelLogprobs: [far] });
    expect(only.topLogprobs).toEqual([top[20]]);
  });

  it("scores every prompt token given the previous ones, across chunk boundaries, with character offsets", async () => {
    const text = "肝脏是人体最大的实质性器官。".repeat(6);
    const r = await promptLogprobs(model, text);
    expect(r.tokens.join("")).toBe(text);
    expect(r.offsets).toEqual(Array.from({ length: text.length }, (_, i) => i));
    expect(r.logprobs[0]).toBeNull();
    // Token 70 (in the second 64-token chunk) scored by one greedy step over the 70 tokens before it.
    const ids = model.tokenizer.encode(text);
    const one = await generate(model, ids.slice(0, 70), { maxTokens: 1, topLogprobs: 10_000 });
    const expected = one.topLogprobs!.find((t) => t.token === r.tokens[70])!.logprob;
    expect(r.logprobs[70]).toBeCloseTo(expected, 5);
  });

  it("places tokens after an unknown character (here one of two UTF-16 units) at their own code point", async () => {
    const r = await promptLogprobs(model, "肺😀肝脏。");
    expect(r.offsets).toEqual([0, 1, 2, 3, 4]);
    // A byte-level tokenizer's halves of one character: the half decodes to U+FFFD, the pair to the character.
    const pieces: Record<string, string> = { "1": "心", "2": "\uFFFD", "2,3": "脏", "3": "\uFFFD", "4": "病" };
    const decode = (ids: readonly number[]) => pieces[ids.join(",")] ?? "";
    expect(tokenOffsets(decode, [1, 2, 3, 4], "心脏病")).toEqual([0, 1, 1, 2]);
  });
});
