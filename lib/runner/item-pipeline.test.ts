import { describe, expect, it } from "vitest";
import type { ChatResult } from "@/lib/providers/types";
import { buildSuiteContext } from "@/lib/tasks/context";
import { resolveSettings } from "@/lib/tasks/settings";
import { responseCacheKey } from "./cache-key";
import { completeItem, prepareItem } from "./item-pipeline";

// The per-item steps on their own: what a row says for each way an item can end.
const ctx = buildSuiteContext({
  suiteId: "pipeline-test",
  kind: "mcq",
  config: {},
  settings: resolveSettings("mcq", {}),
  items: [{ id: "i1", externalId: "q1", subset: null, input: { question: "哪个正确？", options: { A: "甲", B: "乙" } }, gold: { answer: "B" } }],
  devItems: [],
});
const claimed = { id: 7, itemId: "i1", sample: 0 };
const endpoint = "http://127.0.0.1:1/v1";
const response: ChatResult = { text: "B", finishReason: "stop", promptTokens: 30, completionTokens: 1, latencyMs: 12.6, attempts: 1 };

describe("prepareItem", () => {
  it("builds the request and its cache key for a model with an endpoint, and no key without one", () => {
    const prepared = prepareItem(ctx, claimed, { modelParams: {}, endpoint });
    expect(prepared.claimed).toBe(claimed);
    expect("messages" in prepared.request && prepared.request.messages.at(-1)?.content).toContain("哪个正确");
    expect(prepared.key).toBe(responseCacheKey(endpoint, prepared.request as Parameters<typeof responseCacheKey>[1]));
    expect(prepareItem(ctx, claimed, { modelParams: {}, endpoint: null }).key).toBeNull();
  });

  it("turns an item missing from the suite into an errored row, not a crash", () => {
    const prepared = prepareItem(ctx, { ...claimed, itemId: "gone" }, { modelParams: {}, endpoint });
    expect(prepared).toMatchObject({ request: { error: "suite item gone is missing" }, key: null });
    expect(completeItem(ctx, prepared, { response, cached: false })).toEqual({
      result: { id: 7, status: "error", error: "suite item gone is missing", messages: null, rawResponse: null, parsed: null, outcome: null, scores: null, cached: false, promptTokens: null, completionTokens: null, latencyMs: null },
      cacheEntry: null,
    });
  });
});

describe("completeItem", () => {
  const prepared = prepareItem(ctx, claimed, { modelParams: {}, endpoint });
  const messages = "messages" in prepared.request ? prepared.request.messages : null;

  it("scores a fresh answer and hands its response to the cache", () => {
    expect(completeItem(ctx, prepared, { response, cached: false })).toEqual({
      result: {
        id: 7,
        status: "done",
        messages,
        rawResponse: "B",
        parsed: expect.anything(),
        outcome: "scored",
        scores: expect.objectContaining({ correct: 1 }),
        latencyMs: 13,
        promptTokens: 30,
        completionTokens: 1,
        cached: false,
        error: null,
      },
      cacheEntry: { key: prepared.key, response },
    });
  });

  it("stores a cached answer with no latency and does not cache it again; without a key nothing is cached", () => {
    expect(completeItem(ctx, prepared, { response, cached: true })).toMatchObject({ result: { status: "done", cached: true, latencyMs: 0 }, cacheEntry: null });
    const keyless = prepareItem(ctx, claimed, { modelParams: {}, endpoint: null });
    expect(completeItem(ctx, keyless, { response, cached: false }).cacheEntry).toBeNull();
  });

  it("keeps the request's messages on a failed request, and a scorer's failure as an errored row", () => {
    expect(completeItem(ctx, prepared, { error: "HTTP 500: boom" })).toEqual({
      result: { id: 7, status: "error", error: "HTTP 500: boom", messages, rawResponse: null, parsed: null, outcome: null, scores: null, cached: false, promptTokens: null, completionTokens: null, latencyMs: null },
      cacheEntry: null,
    });
    const broken = { ...response, text: undefined as unknown as string };
    const { result, cacheEntry } = completeItem(ctx, prepared, { response: broken, cached: false });
    expect(result).toMatchObject({ status: "error", messages, parsed: null, outcome: null, scores: null, error: expect.stringMatching(/^scoring failed: /) });
    expect(cacheEntry).toBeNull();
  });
});
