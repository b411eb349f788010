import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Model } from "@/lib/db/schema";
import { createModelClient } from "@/lib/runner/model-client";
import type { SuiteContext } from "@/lib/tasks/context";
import { createOpenAICompatibleProvider } from "./openai-compatible";

const key = "sk-echo-canary-4242";

describe("a model server that echoes the key back", () => {
  let server: http.Server;
  let baseUrl: string;
  beforeAll(async () => {
    // Answers every request with the Authorization header it received, in the content and the model list.
    server = http.createServer((req, res) => {
      const echoed = String(req.headers.authorization);
      const body = req.url?.endsWith("/models")
        ? { data: [{ id: echoed }] }
        : { choices: [{ message: { role: "assistant", content: `你的密钥是 ${echoed}` }, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: 1 } };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  it("has the key masked in answers, in test connection and in the model list", async () => {
    const provider = createOpenAICompatibleProvider({ baseUrl, model: "m", apiKey: key, maxRetries: 0 });
    const answer = await provider.chat({ messages: [{ role: "user", content: "hi" }], params: {} });
    expect(answer.text).toContain("***");
    expect(answer.text).not.toContain(key);
    const check = await provider.testConnection();
    expect(check.ok).toBe(true);
    expect(JSON.stringify(check)).not.toContain(key);
  });

  it("two models on the same URL with different keys never share cached responses", () => {
    const model = (name: string, apiKeyEnv: string) =>
      ({ name, provider: "openai", baseUrl, modelId: "m", apiKeyEnv, apiKeyCiphertext: null, timeoutMs: 1000 }) as Model;
    const readEnv = (name: string) => ({ A_API_KEY: "sk-a", B_API_KEY: "sk-b" })[name];
    const ctx = {} as SuiteContext;
    const a = createModelClient(model("a", "A_API_KEY"), ctx, { concurrency: 1, readEnv });
    const b = createModelClient(model("b", "B_API_KEY"), ctx, { concurrency: 1, readEnv });
    const a2 = createModelClient(model("a2", "A_API_KEY"), ctx, { concurrency: 1, readEnv });
    expect(a.endpoint).not.toBe(b.endpoint);
    expect(a.endpoint).toBe(a2.endpoint);
    expect(`${a.endpoint}${b.endpoint}`).not.toMatch(/sk-a|sk-b/);
  });
});
