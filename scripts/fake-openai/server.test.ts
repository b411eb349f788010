import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { answerSeed, fakeAnswer, fakeMcqChoice } from "./answers";
import type { FaultKind } from "./faults";
import type { FakeOpenAI } from "./server";
import { mcqMessages, openMessages } from "./test-prompts";
import { fakeServersPerTest } from "./testing";

const start = fakeServersPerTest();

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });

async function answerText(url: string, body: object): Promise<string> {
  const json = await (await post(url, { model: "fake-chimed", ...body })).json();
  return json.choices[0].message.content;
}

/** Reads an SSE body the way a client would: across arbitrary chunk boundaries. */
async function readSse(res: Response): Promise<string[]> {
  const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
  const events: string[] = [];
  let buffer = "";
  for (let guard = 0; reader && guard < 10_000; guard++) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let at = buffer.indexOf("\n\n");
    for (; at >= 0; at = buffer.indexOf("\n\n")) {
      events.push(buffer.slice(0, at).replace(/^data: /, ""));
      buffer = buffer.slice(at + 2);
    }
  }
  return events;
}

describe("startFakeOpenAI", () => {
  it("lists its models and rejects a wrong API key with 401", async () => {
    const server = await start({ models: ["m1", "m2"], apiKey: "sk-good" });
    const auth = { authorization: "Bearer sk-good" };
    const list = await (await fetch(`${server.url}/models`, { headers: auth })).json();
    expect(list.data.map((m: { id: string }) => m.id)).toEqual(["m1", "m2"]);
    const denied = await post(server.url, { model: "m1", messages: openMessages(1) }, { authorization: "Bearer sk-bad" });
    expect(denied.status).toBe(401);
    expect((await denied.json()).error.code).toBe("invalid_api_key");
    expect((await post(server.url, { model: "nope", messages: openMessages(1) }, auth)).status).toBe(404);
    expect((await post(server.url, { model: "m1" }, auth)).status).toBe(400);
  });

  it("answers with fakeAnswer's text and token usage", async () => {
    const server = await start({ seed: 5 });
    const json = await (await post(server.url, { model: "x", messages: mcqMessages(1) })).json();
    expect(json.object).toBe("chat.completion");
    expect(json.choices[0].message.content).toBe(fakeAnswer(mcqMessages(1), 5).text);
    expect(json.choices[0].finish_reason).toBe("stop");
    expect(json.usage.prompt_tokens).toBeGreaterThan(20);
    expect(json.usage.total_tokens).toBe(json.usage.prompt_tokens + json.usage.completion_tokens);
  });

  it("answers a model id ending in @N as another checkpoint: the server seed plus N", async () => {
    const server = await start({ seed: 5 });
    const answers = await Promise.all(
      [1, 2, 3, 4].map(async (i) => (await (await post(server.url, { model: "fake-chimed@200", messages: mcqMessages(i) })).json()).choices[0].message.content),
    );
    expect(answers).toEqual([1, 2, 3, 4].map((i) => fakeAnswer(mcqMessages(i), 205).text));
  });

  it("streams OpenAI chunks that add up to the same answer, then [DONE]", async () => {
    const server = await start({ seed: 5, latencyMs: 5 });
    const body = { model: "x", messages: openMessages(2), stream: true, stream_options: { include_usage: true } };
    const res = await post(server.url, body);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = await readSse(res);
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe(fakeAnswer(openMessages(2), 5).text);
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1).usage.completion_tokens).toBe(chunks.length - 3);
  });

  it("returns first-token logprobs over the option letters for multiple choice", async () => {
    const server = await start({ seed: 2 });
    const body = { model: "x", messages: mcqMessages(4), logprobs: true, top_logprobs: 3 };
    const choice = (await (await post(server.url, body)).json()).choices[0];
    const expected = fakeMcqChoice(mcqMessages(4), 2);
    expect(choice.message.content).toBe(expected?.intended);
    const first = choice.logprobs.content[0];
    expect(first.token).toBe(expected?.intended);
    expect(first.top_logprobs).toHaveLength(3);
    expect(first.top_logprobs[0]).toEqual({ token: expected?.intended, logprob: first.logprob, bytes: [expected?.intended.charCodeAt(0)] });
  });

  it("honours max_tokens, stop, the oracle and the legacy completions route", async () => {
    const server = await start({ oracle: (m) => (m[0].content === "量表" ? "B.不同意" : undefined) });
    const cut = await (await post(server.url, { messages: openMessages(1), max_tokens: 3 })).json();
    expect(cut.choices[0]).toMatchObject({ finish_reason: "length", message: { content: expect.any(String) } });
    expect(cut.usage.completion_tokens).toBe(3);
    expect(await answerText(server.url, { messages: [{ role: "user", content: "量表" }], stop: "不" })).toBe("B.");
    const legacy = await fetch(`${server.url}/completions`, { method: "POST", body: JSON.stringify({ prompt: "量表" }) });
    expect((await legacy.json()).choices[0].text).toBe("B.不同意");
  });

  it("samples deterministically: by request seed when given, else by arrival order", async () => {
    const server = await start({ seed: 3 });
    const messages = openMessages(9);
    const seeded = await answerText(server.url, { messages, temperature: 0.8, seed: 42 });
    expect(seeded).toBe(fakeAnswer(messages, answerSeed(3, { temperature: 0.8, seed: 42 }, 0)).text);
    expect(await answerText(server.url, { messages, temperature: 0.8, seed: 42 })).toBe(seeded);
    const sampled: string[] = [];
    for (let i = 0; i < 8; i++) sampled.push(await answerText(server.url, { messages, temperature: 1 }));
    expect(sampled).toEqual(sampled.map((_, i) => fakeAnswer(messages, answerSeed(3, { temperature: 1 }, i)).text));
    expect(new Set(sampled).size).toBeGreaterThan(1);
  });

  it("injects each scripted fault kind on the wire", async () => {
    const kinds: FaultKind[] = ["rate_limit", "server_error", "malformed", "empty_choices", "reset"];
    const server = await start({ faults: kinds.map((kind) => ({ kind, match: `[${kind}]` })) });
    const send = (kind: string) => post(server.url, { messages: [{ role: "user", content: `[${kind}]` }] });
    const limited = await send("rate_limit");
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "1"]);
    expect((await send("server_error")).status).toBe(500);
    await expect((await send("malformed")).json()).rejects.toThrow();
    expect((await (await send("empty_choices")).json()).choices).toEqual([]);
    await expect(send("reset")).rejects.toThrow(/fetch failed/);
    expect(server.stats().byKind).toMatchObject({ rate_limit: 1, server_error: 1, malformed: 1, empty_choices: 1, reset: 1 });
  });

  it("decides faults from seed, request and attempt, and stops after faultOnlyFirstAttempts", async () => {
    const options = { seed: 11, faults: { rate: 0.5, kinds: ["server_error", "rate_limit"] as FaultKind[] } };
    const statuses = async (server: FakeOpenAI) => {
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await post(server.url, { messages: openMessages(i % 20) })).status);
      return out;
    };
    const first = await statuses(await start(options));
    expect(await statuses(await start(options))).toEqual(first);
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(5);

    const capped = await start({ faults: { rate: 1, kinds: ["server_error"] }, faultOnlyFirstAttempts: 2 });
    const scripted = await start({ faults: [{ kind: "rate_limit", times: 2 }] });
    for (const [server, fault] of [[capped, 500], [scripted, 429]] as const) {
      const tries: number[] = [];
      for (let i = 0; i < 3; i++) tries.push((await post(server.url, { messages: openMessages(1) })).status);
      expect(tries).toEqual([fault, fault, 200]);
    }
  });

  it("frees hanging requests on close and tracks in-flight peaks", async () => {
    const server = await start({ latencyMs: 30, faults: [{ kind: "hang", match: "hang" }] });
    const hung = post(server.url, { messages: [{ role: "user", content: "hang" }] }).catch((e: Error) => e);
    // Held answers make the peak certain: all 11 are in flight before any is answered, however busy the machine.
    server.hold();
    const answered = Promise.all(Array.from({ length: 10 }, (_, i) => post(server.url, { messages: openMessages(i) })));
    await server.whenInFlight(11);
    server.release();
    await answered;
    expect(server.stats()).toMatchObject({ requests: 11, inFlight: 1, inFlightMax: 11, byKind: { chat: 10, hang: 1 } });
    server.resetStats();
    expect(server.stats()).toMatchObject({ requests: 0, inFlightMax: 1, byKind: {} });
    await server.close();
    // Freed by close, not by the client's own 5 s timeout.
    const error = await hung;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).not.toBe("TimeoutError");
  });

  it("holds answers after the first few until released, and counts calls per prompt", async () => {
    const server = await start({ seed: 5 });
    server.hold({ after: 2 });
    const texts: string[] = [];
    const first = [0, 1].map((i) => answerText(server.url, { messages: openMessages(i) }));
    texts.push(...(await Promise.all(first)));
    const held = [2, 3, 2].map((i) => answerText(server.url, { messages: openMessages(i) }));
    await server.whenInFlight(3);
    expect(server.stats()).toMatchObject({ requests: 5, inFlight: 3 });
    server.release();
    texts.push(...(await Promise.all(held)));
    expect(texts).toEqual([0, 1, 2, 3, 2].map((i) => fakeAnswer(openMessages(i), 5).text));
    expect([0, 1, 2, 3, 4].map((i) => server.callsFor(openMessages(i)))).toEqual([1, 1, 2, 1, 0]);
    // Released for good: later answers flow.
    expect(await answerText(server.url, { messages: openMessages(4) })).toBe(fakeAnswer(openMessages(4), 5).text);
    server.resetStats();
    expect(server.callsFor(openMessages(2))).toBe(0);
  });

  it("runs from the CLI until SIGTERM", async () => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/fake-openai/cli.ts", "--port", "0", "--seed", "4"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      const url = line.toString().trim();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      expect(await answerText(url, { messages: mcqMessages(1) })).toBe(fakeAnswer(mcqMessages(1), 4).text);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });
});
