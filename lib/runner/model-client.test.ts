import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import type { Model } from "@/lib/db/schema";
import { unavailableKeyEnvMessage } from "@/lib/models/key-env";
import { baselineAnswer } from "@/lib/providers/baseline";
import { allowAbsoluteOnnxDirsInThisProcess } from "@/lib/providers/onnx-dir";
import { createOnnxLocalProvider, stopOnnxWorkers } from "@/lib/providers/onnx-local";
import { formatRewardScores, lengthRewards } from "@/lib/scoring/reward";
import { sealSecret } from "@/lib/secrets";
import type { ScalePresentation } from "@/lib/suites/scales";
import type { TaskKind } from "@/lib/suites/types";
import type { ContextItem, SuiteContext } from "@/lib/tasks/context";
import { JUDGE_ORDERS, judgeMessages } from "@/lib/tasks/reward-judge";
import type { RunSettings } from "@/lib/tasks/settings";
import { startFakeOpenAI } from "@/scripts/fake-openai/server";
import { writeTinyModel } from "@/scripts/tiny-model/build";
import { createModelClient, keyIdentity, onnxTarget, originOf, resolveApiKey, storedKeyBelongsTo } from "./model-client";

// Fast unit tests of model-client.ts: Model rows and suite contexts are built in memory, no database.

function model(over: Partial<Model> = {}): Model {
  return {
    id: "00000000-0000-0000-0000-000000000001",
    name: "m",
    provider: "openai",
    baseUrl: "http://127.0.0.1:9/v1",
    modelId: "chat-model",
    apiKeyEnv: null,
    apiKeyCiphertext: null,
    apiKeyOrigin: null,
    params: {},
    concurrency: 1,
    promptPricePerMTok: null,
    completionPricePerMTok: null,
    timeoutMs: 5_000,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  };
}

function ctx(kind: TaskKind, over: { seed?: number; majorityLetter?: string | null; settings?: Partial<RunSettings> } = {}): SuiteContext {
  return {
    suiteId: "suite",
    kind,
    settings: { seed: over.seed ?? 1234, ...over.settings } as RunSettings,
    items: new Map(),
    shots: new Map(),
    subjectLabels: {},
    nerTypes: [],
    scale: null,
    majorityLetter: over.majorityLetter === undefined ? "C" : over.majorityLetter,
  };
}

function item(id: string, input: Record<string, unknown>): ContextItem {
  return { id, externalId: id, subset: null, input, gold: {} };
}

const request = { messages: [{ role: "user" as const, content: "问" }], params: {} };
const options = { concurrency: 1 } as const;
const mcqOptions = { A: "甲", B: "乙", C: "丙", D: "丁", E: "戊" };
/** Computed here, independently of model-client.ts. */
const identityOf = (key: string) => createHash("sha256").update(`chimed-key:${key}`).digest("hex").slice(0, 32);

describe("originOf", () => {
  it("is scheme, host and port, with the scheme's default port dropped", () => {
    expect(originOf("https://api.example.com:443/v1/chat")).toBe("https://api.example.com");
    expect(originOf("http://api.example.com:80/v1")).toBe("http://api.example.com");
    expect(originOf("http://127.0.0.1:8000/v1?x=1#y")).toBe("http://127.0.0.1:8000");
    expect(originOf("HTTPS://API.Example.COM/v1")).toBe("https://api.example.com");
  });
});

describe("storedKeyBelongsTo", () => {
  it("lets a key stored before origins were recorded (null origin) go to any URL", () => {
    for (const url of ["https://api.example.com/v1", "http://elsewhere:1234/x"]) {
      expect(storedKeyBelongsTo({ apiKeyOrigin: null }, url)).toBe(true);
    }
  });

  it("lets a bound key go to its own origin only: another host, port or scheme is refused", () => {
    const bound = { apiKeyOrigin: "https://api.example.com" };
    expect(storedKeyBelongsTo(bound, "https://api.example.com/v1")).toBe(true);
    expect(storedKeyBelongsTo(bound, "https://api.example.com:443/other")).toBe(true);
    expect(storedKeyBelongsTo(bound, "https://other.example.com/v1")).toBe(false);
    expect(storedKeyBelongsTo(bound, "https://api.example.com:8443/v1")).toBe(false);
    expect(storedKeyBelongsTo(bound, "http://api.example.com/v1")).toBe(false);
  });
});

describe("resolveApiKey", () => {
  const unavailable = `model "m": ${unavailableKeyEnvMessage}`;

  it("reads an allowed variable through the injected readEnv", () => {
    const readEnv = vi.fn((name: string) => (name === "OPENAI_API_KEY" ? "sk-env" : undefined));
    expect(resolveApiKey(model({ apiKeyEnv: "OPENAI_API_KEY" }), { readEnv })).toBe("sk-env");
    expect(readEnv).toHaveBeenCalledWith("OPENAI_API_KEY");
  });

  it("reads process.env when no readEnv is given", () => {
    vi.stubEnv("MODEL_CLIENT_TEST_API_KEY", "sk-from-process");
    onTestFinished(() => void vi.unstubAllEnvs());
    expect(resolveApiKey(model({ apiKeyEnv: "MODEL_CLIENT_TEST_API_KEY" }), {})).toBe("sk-from-process");
  });

  it("never reads a variable outside the rule, even when it is set", () => {
    for (const name of ["CHIMED_SECRET_KEY", "DATABASE_URL", "HOME"]) {
      const readEnv = vi.fn(() => "leaked");
      expect(() => resolveApiKey(model({ apiKeyEnv: name }), { readEnv })).toThrow(unavailable);
      expect(readEnv).not.toHaveBeenCalled();
    }
  });

  it("refuses an allowed variable that is unset or empty, with the one message", () => {
    for (const value of [undefined, ""]) {
      let message = "";
      try {
        resolveApiKey(model({ apiKeyEnv: "MISSING_API_KEY" }), { readEnv: () => value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toBe(unavailable);
    }
  });

  it("prefers the variable over a stored key", () => {
    const apiKeyCiphertext = sealSecret("sk-stored", "s3cret");
    const m = model({ apiKeyEnv: "A_API_KEY", apiKeyCiphertext });
    expect(resolveApiKey(m, { secretKey: "s3cret", readEnv: () => "sk-env" })).toBe("sk-env");
  });

  it("opens a stored key bound to the model's own origin, or stored before origins were recorded", () => {
    const apiKeyCiphertext = sealSecret("sk-stored", "s3cret");
    const bound = model({ baseUrl: "https://api.example.com/v1", apiKeyCiphertext, apiKeyOrigin: "https://api.example.com" });
    expect(resolveApiKey(bound, { secretKey: "s3cret" })).toBe("sk-stored");
    const legacy = model({ baseUrl: "https://api.example.com/v1", apiKeyCiphertext, apiKeyOrigin: null });
    expect(resolveApiKey(legacy, { secretKey: "s3cret" })).toBe("sk-stored");
  });

  it("opens a stored key of a model with no base URL, whatever origin it carries", () => {
    const apiKeyCiphertext = sealSecret("sk-stored", "s3cret");
    const m = model({ baseUrl: null, apiKeyCiphertext, apiKeyOrigin: "https://elsewhere.example.com" });
    expect(resolveApiKey(m, { secretKey: "s3cret" })).toBe("sk-stored");
  });

  it("refuses a stored key entered for another server", () => {
    const apiKeyCiphertext = sealSecret("sk-stored", "s3cret");
    const moved = model({ baseUrl: "https://evil.example.com/v1", apiKeyCiphertext, apiKeyOrigin: "https://api.example.com" });
    expect(() => resolveApiKey(moved, { secretKey: "s3cret" })).toThrow(
      new Error('model "m": its stored API key was entered for another server; enter the key again'),
    );
  });

  it("refuses a stored key when CHIMED_SECRET_KEY is not set", () => {
    const m = model({ apiKeyCiphertext: sealSecret("sk-stored", "s3cret") });
    expect(() => resolveApiKey(m, {})).toThrow(new Error('model "m" has a stored API key but CHIMED_SECRET_KEY is not set'));
  });

  it("gives no key when the model has none", () => {
    expect(resolveApiKey(model(), { secretKey: "s3cret", readEnv: () => "sk-unused" })).toBeUndefined();
  });
});

describe("keyIdentity", () => {
  it("is the first 32 hex characters of sha256(chimed-key:<key>): deterministic, one per key", () => {
    const id = keyIdentity("sk-abc");
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).toBe(identityOf("sk-abc"));
    expect(keyIdentity("sk-abc")).toBe(id);
    expect(keyIdentity("sk-abd")).not.toBe(id);
    expect(id).not.toContain("sk-abc");
  });
});

describe("createModelClient: baselines", () => {
  it("refuses an unknown baseline strategy", () => {
    expect(() => createModelClient(model({ provider: "baseline", modelId: "coin-flip" }), ctx("mcq"), options)).toThrow(
      new Error('unknown baseline "coin-flip"'),
    );
  });

  it("answers locally: no endpoint, a stop, no tokens, no latency, one attempt", async () => {
    const client = createModelClient(model({ provider: "baseline", modelId: "majority", baseUrl: null }), ctx("mcq"), options);
    expect(client.endpoint).toBeNull();
    const answer = await client.answer(request, { item: item("q1", { question: "?", options: mcqOptions }), sample: 0 });
    expect(answer).toEqual({ text: "C", finishReason: "stop", promptTokens: 0, completionTokens: 0, latencyMs: 0, attempts: 1 });
  });

  it("majority answers the context's majority letter, or nothing without one", async () => {
    const client = createModelClient(model({ provider: "baseline", modelId: "majority" }), ctx("mcq", { majorityLetter: null }), options);
    const answer = await client.answer(request, { item: item("q1", { options: mcqOptions }), sample: 0 });
    expect(answer.text).toBe("");
  });

  it("uniform-random picks from the item's option letters, keyed by item id, sample and the run's seed", async () => {
    const run = async (seed: number, id: string, sample: number) => {
      const client = createModelClient(model({ provider: "baseline", modelId: "uniform-random" }), ctx("mcq", { seed }), options);
      return (await client.answer(request, { item: item(id, { options: mcqOptions }), sample })).text;
    };
    const choices = Object.keys(mcqOptions);
    const bySample: string[] = [];
    for (let sample = 0; sample < 12; sample++) {
      const text = await run(7, "q1", sample);
      expect(text).toBe(baselineAnswer({ strategy: "uniform-random", choices, majority: "C", seed: 7, key: `q1:${sample}` }));
      expect(choices).toContain(text);
      bySample.push(text);
    }
    // The sample is part of the key: a sampled run does not answer the same letter every time.
    expect(new Set(bySample).size).toBeGreaterThan(1);
    const byItem: string[] = [];
    const bySeed: string[] = [];
    for (let i = 0; i < 12; i++) {
      byItem.push(await run(7, `item-${i}`, 0));
      bySeed.push(await run(i, "q1", 0));
      expect(byItem[i]).toBe(baselineAnswer({ strategy: "uniform-random", choices, majority: "C", seed: 7, key: `item-${i}:0` }));
      expect(bySeed[i]).toBe(baselineAnswer({ strategy: "uniform-random", choices, majority: "C", seed: i, key: "q1:0" }));
    }
    expect(new Set(byItem).size).toBeGreaterThan(1);
    expect(new Set(bySeed).size).toBeGreaterThan(1);
  });

  it("uniform-random picks from the shown scale labels when the item has a presentation", async () => {
    const client = createModelClient(model({ provider: "baseline", modelId: "uniform-random" }), ctx("scale", { seed: 3 }), options);
    const presentation: ScalePresentation = { labels: ["1", "2", "3", "4", "5"], values: [1, 2, 3, 4, 5], texts: ["a", "b", "c", "d", "e"] };
    const texts: string[] = [];
    for (let sample = 0; sample < 6; sample++) {
      const { text } = await client.answer(request, { item: item("s1", { options: mcqOptions }), sample, presentation });
      expect(text).toBe(baselineAnswer({ strategy: "uniform-random", choices: presentation.labels, majority: "C", seed: 3, key: `s1:${sample}` }));
      texts.push(text);
    }
    expect(texts.every((t) => presentation.labels.includes(t))).toBe(true);
  });

  it("uniform-random answers nothing for an item with no options and no presentation", async () => {
    const client = createModelClient(model({ provider: "baseline", modelId: "uniform-random" }), ctx("mcq"), options);
    expect((await client.answer(request, { item: item("q1", { question: "?" }), sample: 0 })).text).toBe("");
  });

  it("longer-answer scores the pair on a reward suite (a baseline, not a reward client) and nothing elsewhere", async () => {
    const pair = { prompt: "问", chosen: "一个更长的回答", rejected: "短" };
    const onReward = createModelClient(model({ provider: "baseline", modelId: "longer-answer", baseUrl: null }), ctx("reward"), options);
    expect(onReward.endpoint).toBeNull();
    const answer = await onReward.answer(request, { item: item("r1", pair), sample: 0 });
    expect(answer.text).toBe(formatRewardScores(lengthRewards(pair)));
    expect(answer.text).toBe(JSON.stringify({ chosen: 7, rejected: 1 }));
    const onMcq = createModelClient(model({ provider: "baseline", modelId: "longer-answer" }), ctx("mcq"), options);
    expect((await onMcq.answer(request, { item: item("r1", pair), sample: 0 })).text).toBe("");
  });
});

describe("createModelClient: refusals", () => {
  it("refuses a reward model on a suite that is not a reward suite", () => {
    const rm = model({ name: "rm", provider: "reward", params: { scorer: { api: "vllm" } } });
    for (const kind of ["mcq", "open_qa"] as const) {
      expect(() => createModelClient(rm, ctx(kind), options)).toThrow(new Error('model "rm" is a reward model; it scores reward suites only'));
    }
  });

  it("refuses a model a server-side runner cannot call", () => {
    const cases: [Partial<Model>, string][] = [
      [{ provider: "browser" }, "browser"],
      [{ provider: "openai", baseUrl: null }, "openai"],
      [{ provider: "openai", baseUrl: "" }, "openai"],
      [{ provider: "openai", modelId: null }, "openai"],
      [{ provider: "openai", modelId: "" }, "openai"],
    ];
    for (const [over, provider] of cases) {
      expect(() => createModelClient(model({ name: "x", ...over }), ctx("mcq"), options)).toThrow(
        new Error(`model "x" (${provider}) cannot be run by a server-side runner`),
      );
    }
  });

  it("refuses perplexity for a model without prompt log-probabilities", () => {
    const cases: [Partial<Model>, string][] = [
      [{ provider: "browser" }, "browser"],
      [{ provider: "reward", params: { scorer: { api: "vllm" } } }, "reward"],
      [{ provider: "openai", baseUrl: null }, "openai"],
      [{ provider: "openai", modelId: null }, "openai"],
    ];
    for (const [over, provider] of cases) {
      expect(() => createModelClient(model({ name: "x", ...over }), ctx("perplexity"), options)).toThrow(
        new Error(
          `model "x" (${provider}) cannot score perplexity: it needs an OpenAI-compatible server with prompt log-probabilities or an ONNX model on this server`,
        ),
      );
    }
  });

  it("refuses a reward suite for a model that is neither a reward scorer nor a chat model to judge with", () => {
    const message = 'model "x" is neither a reward model (vllm, tei or http scorer) nor a chat model to judge with';
    const cases: Partial<Model>[] = [
      { provider: "browser" },
      { provider: "browser", params: { scorer: { api: "vllm" } } },
      { provider: "openai", modelId: null },
      { provider: "openai", modelId: null, params: { scorer: { api: "tei" } } },
      { provider: "openai", baseUrl: null },
      { provider: "reward", baseUrl: null, params: { scorer: { api: "vllm" } } },
      { provider: "reward", params: {} },
      { provider: "reward", params: { scorer: { api: "nope" } } },
      { provider: "reward", params: { scorer: { api: "http" } } },
    ];
    for (const over of cases) {
      expect(() => createModelClient(model({ name: "x", ...over }), ctx("reward"), options)).toThrow(new Error(message));
    }
  });
});

describe("createModelClient: endpoints", () => {
  const readEnv = (name: string) => ({ A_API_KEY: "sk-a", B_API_KEY: "sk-b" })[name];

  it("an OpenAI-compatible model: the base URL without trailing slashes, then the model id", () => {
    const client = createModelClient(model({ baseUrl: "http://127.0.0.1:8000/v1///", modelId: "qwen" }), ctx("mcq"), options);
    expect(client.endpoint).toBe("http://127.0.0.1:8000/v1#qwen");
  });

  it("with an API key, the key's identity is part of the endpoint (never the key)", () => {
    const a = createModelClient(model({ baseUrl: "http://h:1/v1/", apiKeyEnv: "A_API_KEY" }), ctx("mcq"), { ...options, readEnv });
    const b = createModelClient(model({ baseUrl: "http://h:1/v1/", apiKeyEnv: "B_API_KEY" }), ctx("mcq"), { ...options, readEnv });
    expect(a.endpoint).toBe(`http://h:1/v1#chat-model#key:${identityOf("sk-a")}`);
    expect(b.endpoint).toBe(`http://h:1/v1#chat-model#key:${identityOf("sk-b")}`);
  });

  it("a model's key problem surfaces when its client is made", () => {
    expect(() => createModelClient(model({ apiKeyEnv: "MISSING_API_KEY" }), ctx("mcq"), { ...options, readEnv })).toThrow(
      `model "m": ${unavailableKeyEnvMessage}`,
    );
  });

  it("perplexity through an OpenAI-compatible server: the windows, then the chat endpoint", () => {
    const plain = createModelClient(model({ baseUrl: "http://h:1/v1/" }), ctx("perplexity"), options);
    expect(plain.endpoint).toBe("ppl:1024:512:http://h:1/v1#chat-model");
    const keyed = createModelClient(
      model({ baseUrl: "http://h:1/v1", apiKeyEnv: "A_API_KEY" }),
      ctx("perplexity", { settings: { contextChars: 64, strideChars: 32 } }),
      { ...options, readEnv },
    );
    expect(keyed.endpoint).toBe(`ppl:64:32:http://h:1/v1#chat-model#key:${identityOf("sk-a")}`);
  });

  it("a chat model on a reward suite judges: its endpoint is labelled judge:", () => {
    const plain = createModelClient(model({ baseUrl: "http://h:1/v1//" }), ctx("reward"), options);
    expect(plain.endpoint).toBe("judge:http://h:1/v1#chat-model");
    const keyed = createModelClient(model({ baseUrl: "http://h:1/v1", apiKeyEnv: "B_API_KEY" }), ctx("reward"), { ...options, readEnv });
    expect(keyed.endpoint).toBe(`judge:http://h:1/v1#chat-model#key:${identityOf("sk-b")}`);
  });

  it("a reward scorer: reward:<api>:<base URL>#<model id> (empty when none), then the key's identity", () => {
    const vllm = model({ provider: "reward", baseUrl: "http://h:1/v1/", modelId: "rm", params: { scorer: { api: "vllm" } } });
    expect(createModelClient(vllm, ctx("reward"), options).endpoint).toBe("reward:vllm:http://h:1/v1#rm");
    // Every trailing slash goes: one server, one endpoint, one cache.
    expect(createModelClient({ ...vllm, baseUrl: "http://h:1/v1///" }, ctx("reward"), options).endpoint).toBe("reward:vllm:http://h:1/v1#rm");
    const tei = model({ provider: "reward", baseUrl: "http://h:2", modelId: null, params: { scorer: { api: "tei" } }, apiKeyEnv: "A_API_KEY" });
    expect(createModelClient(tei, ctx("reward"), { ...options, readEnv }).endpoint).toBe(`reward:tei:http://h:2##key:${identityOf("sk-a")}`);
    const scorer = { api: "http", template: '{"text":"{{response}}"}', scorePath: "score" };
    const custom = model({ provider: "reward", baseUrl: "http://h:3/score", modelId: "x", params: { scorer } });
    expect(createModelClient(custom, ctx("reward"), options).endpoint).toBe("reward:http:http://h:3/score#x");
  });
});

describe("onnx-local models", () => {
  function onnxFolder(files: string[]): string {
    const dir = mkdtempSync(path.join(tmpdir(), "model-client-onnx-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const file of files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), "not really onnx");
    }
    return dir;
  }

  it("onnxTarget takes a known dtype from params and fp32 otherwise", () => {
    // An absolute folder (allowed as in a command-line process) instead of one inside CHIMED_ONNX_DIR.
    allowAbsoluteOnnxDirsInThisProcess();
    const dir = onnxFolder([]);
    expect(onnxTarget({ modelId: dir, params: { dtype: "q4" } })).toEqual({ dir, dtype: "q4" });
    expect(onnxTarget({ modelId: dir, params: { dtype: "fp16" } })).toEqual({ dir, dtype: "fp16" });
    for (const dtype of [undefined, "int3", "", null, 4]) {
      expect(onnxTarget({ modelId: dir, params: { dtype } })).toEqual({ dir, dtype: "fp32" });
    }
  });

  it("onnxTarget refuses a missing folder and a path out of the model root", () => {
    expect(() => onnxTarget({ modelId: "../outside", params: {} })).toThrow(/inside the server's model folder/);
    expect(() => onnxTarget({ modelId: null, params: {} })).toThrow(/inside the server's model folder/);
  });

  it("a chat client's endpoint names the folder, the dtype and the weights file's size and time", () => {
    allowAbsoluteOnnxDirsInThisProcess();
    const dir = onnxFolder(["onnx/model_q4.onnx"]);
    const { size, mtimeMs } = statSync(path.join(dir, "onnx/model_q4.onnx"));
    const m = model({ provider: "onnx-local", baseUrl: null, modelId: dir, params: { dtype: "q4" } });
    const expected = `onnx-local:${dir}#q4#${size}-${Math.round(mtimeMs)}`;
    expect(createModelClient(m, ctx("mcq"), options).endpoint).toBe(expected);
    expect(createModelClient(m, ctx("perplexity"), options).endpoint).toBe(`ppl:1024:512:${expected}`);
    // No file of the dtype: refused when the client is made, before any item.
    expect(() => createModelClient(model({ ...m, params: { dtype: "fp16" } }), ctx("mcq"), options)).toThrow(/no fp16 model file/);
  });

  it("a chat client answers with the model in the folder, as the onnx-local provider itself does", async () => {
    allowAbsoluteOnnxDirsInThisProcess();
    const dir = onnxFolder([]);
    onTestFinished(() => stopOnnxWorkers());
    writeTinyModel(dir);
    const tiny = { messages: [{ role: "user" as const, content: "以下是单项选择题。\n答案：" }], params: { max_tokens: 4, temperature: 0 } };
    const m = model({ provider: "onnx-local", baseUrl: null, modelId: dir, params: {} });
    const answer = await createModelClient(m, ctx("mcq"), options).answer(tiny, { item: item("o1", {}), sample: 0 });
    const direct = await createOnnxLocalProvider({ dir }).chat(tiny);
    expect(answer.text).toBe(direct.text);
    expect(answer).toMatchObject({ finishReason: direct.finishReason, completionTokens: direct.completionTokens, attempts: 1 });
  });
});

interface Seen {
  order: string;
  authorization: string | undefined;
  maxTokens: unknown;
}

/** A chat server that answers each judge order its own way; the rejected-first order fails once, then answers late. */
async function judgeServer(pair: { prompt: string; chosen: string; rejected: string }, { usage = true } = {}) {
  const contentOf = Object.fromEntries(JUDGE_ORDERS.map((order) => [judgeMessages(pair, order)[0]!.content, order]));
  const seen: Seen[] = [];
  let rejectedFirstCalls = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const body = JSON.parse(raw) as { messages: { content: string }[]; max_tokens?: unknown };
      const order = contentOf[body.messages[0]!.content] ?? "unknown";
      seen.push({ order, authorization: req.headers.authorization, maxTokens: body.max_tokens });
      const reply = (text: string, tokens: [number, number] | null) =>
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            choices: [{ message: { role: "assistant", content: text }, finish_reason: "stop" }],
            ...(tokens ? { usage: { prompt_tokens: tokens[0], completion_tokens: tokens[1] } } : {}),
          }),
        );
      if (order === "chosen_first") return reply("A", [3, 5]);
      if (++rejectedFirstCalls === 1) {
        return res.writeHead(500, { "content-type": "application/json", "retry-after": "0" }).end('{"error":{"message":"boom"}}');
      }
      setTimeout(() => reply("B", usage ? [7, 11] : null), 300);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  onTestFinished(() => new Promise<void>((done) => server.close(() => done())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen };
}

describe("answers over HTTP", () => {
  const pair = { prompt: "头痛三天，怎么办？", chosen: "建议就医，必要时做头颅CT。", rejected: "多喝水。" };

  it("a judge asks both orders with the run's params and key, and sums tokens, takes the longest latency and most attempts", async () => {
    const { url, seen } = await judgeServer(pair);
    const judge = model({ baseUrl: url, modelId: "judge", apiKeyEnv: "J_API_KEY" });
    const client = createModelClient(judge, ctx("reward"), { concurrency: 2, maxRetries: 2, readEnv: () => "sk-judge" });
    const answer = await client.answer({ messages: [], params: { max_tokens: 16 } }, { item: item("r1", pair), sample: 0 });
    expect(JSON.parse(answer.text)).toEqual({ judge: true, chosen: 2, rejected: 0, verdicts: ["chosen", "chosen"], replies: ["A", "B"] });
    expect(answer.finishReason).toBe("stop");
    expect(answer.promptTokens).toBe(10);
    expect(answer.completionTokens).toBe(16);
    expect(answer.attempts).toBe(2);
    expect(answer.latencyMs).toBeGreaterThanOrEqual(250);
    expect(seen.map((s) => s.order).sort()).toEqual(["chosen_first", "rejected_first", "rejected_first"]);
    expect(seen.every((s) => s.authorization === "Bearer sk-judge" && s.maxTokens === 16)).toBe(true);
  });

  it("a judge's token counts are unknown when one reply has none", async () => {
    const { url } = await judgeServer(pair, { usage: false });
    const client = createModelClient(model({ baseUrl: url, modelId: "judge" }), ctx("reward"), { concurrency: 2, maxRetries: 2 });
    const answer = await client.answer({ messages: [], params: {} }, { item: item("r1", pair), sample: 0 });
    expect(answer.promptTokens).toBeNull();
    expect(answer.completionTokens).toBeNull();
  });

  it("a reward scorer scores chosen and rejected with the model's key, in one attempt and no tokens", async () => {
    const server = await startFakeOpenAI({ apiKey: "sk-reward" });
    onTestFinished(() => server.close());
    const rm = model({ provider: "reward", baseUrl: server.url, modelId: "rm", apiKeyEnv: "RM_API_KEY", params: { scorer: { api: "vllm" } } });
    const client = createModelClient(rm, ctx("reward"), { ...options, readEnv: () => "sk-reward" });
    const before = performance.now();
    const answer = await client.answer(request, { item: item("r1", pair), sample: 0 });
    const elapsed = performance.now() - before;
    // The fake scorer's reward is an answer's length in characters.
    expect(answer.text).toBe(formatRewardScores({ chosen: [...pair.chosen].length, rejected: [...pair.rejected].length }));
    expect(answer).toMatchObject({ finishReason: "stop", promptTokens: null, completionTokens: null, attempts: 1 });
    expect(answer.latencyMs).toBeGreaterThan(0);
    expect(answer.latencyMs).toBeLessThanOrEqual(elapsed);
    expect(server.stats().byKind.reward).toBe(2);
  });
});
