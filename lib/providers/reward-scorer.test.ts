import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "@/scripts/fake-openai/server";
import { REWARD_ERROR_MARKER } from "@/scripts/fake-openai/reward";
import { atPath, createRewardScorer, fillTemplate, RewardScorerError } from "./reward-scorer";

// The fake server's reward of a response is its length in characters.
describe("reward scorers against the fake server", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ seed: 1 });
  });
  afterAll(async () => {
    await fake?.close();
  });

  const scorer = (config: Parameters<typeof createRewardScorer>[0]["config"], baseUrl = fake.url) =>
    createRewardScorer({ baseUrl, modelId: "fake-reward", config, timeoutMs: 5000 });

  it("vLLM /pooling: one request per answer, reward at data[0].data (base URL with or without /v1)", async () => {
    expect(await scorer({ api: "vllm" }).score("问", ["头痛三天", "发热"])).toEqual([4, 2]);
    expect(await scorer({ api: "vllm" }, fake.url.replace(/\/v1$/, "")).score("问", ["ab", "cd"])).toEqual([2, 2]);
  });

  it("TEI /rerank: scores mapped back by index, not by rank", async () => {
    expect(await scorer({ api: "tei" }).score("问", ["短", "长一些的回答"])).toEqual([1, 6]);
  });

  it("a generic HTTP scorer: template filled with JSON-escaped text, score read at its path", async () => {
    const http = scorer({ api: "http", template: '{"prompt": "{{prompt}}", "response": "{{response}}"}', scorePath: "result.score" }, `${fake.url.replace(/\/v1$/, "")}/custom-reward`);
    expect(await http.score('含"引号"', ['a"b\nc', "x"])).toEqual([5, 1]);
  });

  it("a scorer error is an error, not a score", async () => {
    await expect(scorer({ api: "tei" }).score("问", [REWARD_ERROR_MARKER, "x"])).rejects.toThrow(RewardScorerError);
    const wrongPath = scorer({ api: "http", template: '{"response": "{{response}}"}', scorePath: "score" }, `${fake.url.replace(/\/v1$/, "")}/custom-reward`);
    await expect(wrongPath.score("q", ["a"])).rejects.toThrow(/no number at score/);
  });

  it("reads dot paths and fills templates", () => {
    expect(atPath({ data: [{ score: 3 }] }, "data.0.score")).toBe(3);
    expect(atPath({ data: null }, "data.0")).toBeUndefined();
    expect(fillTemplate('{"q": "{{prompt}}", "x": "{{unknown}}"}', { prompt: 'a"\\' })).toBe('{"q": "a\\"\\\\", "x": "{{unknown}}"}');
  });
});
