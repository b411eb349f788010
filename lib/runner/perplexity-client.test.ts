import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAICompatibleProvider } from "@/lib/providers/openai-compatible";
import { buildSuiteContext, type ContextItem } from "@/lib/tasks/context";
import { resolveSettings } from "@/lib/tasks/settings";
import { fakeDocumentTotals } from "@/scripts/fake-openai/prompt-logprobs";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { perplexityClient, type PromptScorer } from "./perplexity-client";

const SEED = 9;
// 40 CJK characters, one token each on the fake server, so windows never cut a token.
const DOC = "患者男性四十九岁因右下腹疼痛三小时入院查体右下腹可触及一包块压痛明显界欠清初步诊断为腹股沟斜疝嵌顿".slice(0, 40);

const contextOf = (settings: { contextChars?: number; strideChars?: number }) =>
  buildSuiteContext({ suiteId: "ppl", kind: "perplexity", config: {}, settings: resolveSettings("perplexity", settings), items: [], devItems: [] });
const item: ContextItem = { id: "i1", externalId: "d1", subset: null, input: { text: DOC }, gold: {} };
const request = { messages: [], params: {} };

describe("the perplexity client against the fake server", () => {
  let fake: FakeOpenAI;
  let server: PromptScorer;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ seed: SEED });
    server = createOpenAICompatibleProvider({ baseUrl: fake.url, model: "fake-chimed", maxRetries: 0 }) as PromptScorer;
  });
  afterAll(async () => {
    await fake?.close();
  });

  /** The server's answer with its log-probabilities replaced, as a server that drops some of them would answer. */
  const withLogprobs = (replace: (logprobs: (number | null)[]) => (number | null)[]): PromptScorer => ({
    async promptLogprobs(text, signal) {
      const answer = await server.promptLogprobs(text, signal);
      return { ...answer, logprobs: replace(answer.logprobs) };
    },
  });

  it("keys the cache by context, stride and endpoint, with the task's defaults when the run sets none", () => {
    expect(perplexityClient(server, "http://h/v1#m", contextOf({ contextChars: 16, strideChars: 8 })).endpoint).toBe("ppl:16:8:http://h/v1#m");
    expect(perplexityClient(server, "http://h/v1#m", contextOf({})).endpoint).toBe("ppl:1024:512:http://h/v1#m");
    expect(perplexityClient(server, null, contextOf({})).endpoint).toBeNull();
  });

  it("scores a document in strided windows and answers the document's totals", async () => {
    fake.resetStats();
    const client = perplexityClient(server, "e", contextOf({ contextChars: 16, strideChars: 8 }));
    const before = performance.now();
    const answer = await client.answer(request, { item, sample: 0 });
    const elapsed = performance.now() - before;
    // Windows [0,16) [8,24) [16,32) [24,40): four requests of 16 tokens each.
    expect(fake.stats().requests).toBe(4);
    expect(answer).toMatchObject({ finishReason: "stop", promptTokens: 64, completionTokens: 0, attempts: 1 });
    // The latency is measured inside the call, so it lies within the time the call took as seen from outside.
    expect(answer.latencyMs).toBeGreaterThanOrEqual(0);
    expect(answer.latencyMs).toBeLessThanOrEqual(elapsed);
    const totals = JSON.parse(answer.text);
    const expected = fakeDocumentTotals(SEED, DOC);
    expect(totals).toEqual({ nats: expect.any(Number), tokens: 39, chars: 39, bytes: 39 * 3, windows: 4 });
    expect(totals.nats).toBeCloseTo(expected.nats, 10);
    expect([expected.tokens, expected.chars, expected.bytes]).toEqual([39, 39, 117]);
  });

  it("passes preflight when any token after the first has a log-probability, and fails it naming what is missing", async () => {
    const ctx = contextOf({});
    await expect(perplexityClient(server, "e", ctx).preflight!()).resolves.toBeUndefined();
    await expect(perplexityClient(withLogprobs((lp) => lp.map((v, i) => (i === lp.length - 1 ? v : null))), "e", ctx).preflight!()).resolves.toBeUndefined();
    const missing = "the model gave no log-probabilities for the text's tokens; perplexity needs prompt log-probabilities";
    await expect(perplexityClient(withLogprobs((lp) => lp.map(() => null)), "e", ctx).preflight!()).rejects.toThrow(missing);
    // The first token never has one: a number there alone is not enough.
    await expect(perplexityClient(withLogprobs((lp) => lp.map((_, i) => (i === 0 ? -1 : null))), "e", ctx).preflight!()).rejects.toThrow(missing);
  });

  it("hands the run's signal to every request", async () => {
    const stopped = AbortSignal.abort();
    const client = perplexityClient(server, "e", contextOf({ contextChars: 16, strideChars: 8 }));
    fake.resetStats();
    await expect(client.preflight!(stopped)).rejects.toThrow();
    await expect(client.answer(request, { item, sample: 0 }, stopped)).rejects.toThrow();
    expect(fake.stats().requests).toBe(0);
  });
});
