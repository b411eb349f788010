import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { fakeAnswer, fakeMcqChoice } from "@/scripts/fake-openai/answers";
import type { FaultKind } from "@/scripts/fake-openai/faults";
import type { FakeOpenAI } from "@/scripts/fake-openai/server";
import { mcqMessages, openMessages } from "@/scripts/fake-openai/test-prompts";
import { fakeServersPerTest } from "@/scripts/fake-openai/testing";
import { createOpenAICompatibleProvider, type OpenAICompatibleOptions } from "./openai-compatible";
import { ProviderError } from "./types";

const start = fakeServersPerTest();

/** Records backoff delays instead of waiting them out. */
function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

function providerFor(server: FakeOpenAI, options: Partial<OpenAICompatibleOptions> = {}) {
  const recorder = recordingSleep();
  const provider = createOpenAICompatibleProvider({
    baseUrl: server.url,
    model: "fake-chimed",
    baseDelayMs: 10,
    sleep: recorder.sleep,
    ...options,
  });
  return { provider, delays: recorder.delays };
}

const expectedKind: Record<FaultKind, ProviderError["kind"]> = {
  rate_limit: "rate_limit",
  server_error: "server_error",
  reset: "network",
  hang: "timeout",
  malformed: "malformed",
  empty_choices: "empty",
};
const allKinds = Object.keys(expectedKind) as FaultKind[];

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe("createOpenAICompatibleProvider", () => {
  it("returns the answer, usage and finish reason in one attempt", async () => {
    const server = await start({ seed: 8, latencyMs: 20 });
    const { provider } = providerFor(server, { baseUrl: `${server.url}/` });
    const result = await provider.chat({ messages: mcqMessages(3), params: { temperature: 0 } });
    expect(result).toMatchObject({ text: fakeAnswer(mcqMessages(3), 8).text, finishReason: "stop", attempts: 1 });
    expect(result.promptTokens).toBeGreaterThan(20);
    expect(result.completionTokens).toBeGreaterThan(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(15);
    expect(result.topLogprobs).toBeUndefined();
  });

  it("sends decoding params and reads first-token logprobs", async () => {
    const server = await start({ seed: 8 });
    const { provider } = providerFor(server);
    const scored = await provider.chat({ messages: mcqMessages(5), params: { logprobs: true, top_logprobs: 5, max_tokens: 1 } });
    const expected = fakeMcqChoice(mcqMessages(5), 8);
    expect(scored.text).toBe(expected?.intended);
    expect(scored.topLogprobs?.map((t) => t.token)).toEqual(expected?.letterLogprobs.map((t) => t.token));
    const cut = await provider.chat({ messages: openMessages(1), params: { max_tokens: 2 } });
    expect([cut.finishReason, cut.completionTokens]).toEqual(["length", 2]);
  });

  it("names the status and quotes the body when a 500 persists", async () => {
    const server = await start({ faults: [{ kind: "server_error" }] });
    const { provider } = providerFor(server, { maxRetries: 4 });
    const err = await rejection(provider.chat({ messages: openMessages(1), params: {} }));
    expect(err.message).toMatch(/^server answered 500 Internal Server Error after 5 attempts: \{"error":\{"message":"The server/);
    expect(err.status).toBe(500);
  });

  it("waits at least Retry-After on 429, capped by maxDelayMs", async () => {
    const server = await start({ faults: [{ kind: "rate_limit" }], faultOnlyFirstAttempts: 2, retryAfterSeconds: 2 });
    const { provider, delays } = providerFor(server, { random: () => 0.5, baseDelayMs: 100 });
    expect((await provider.chat({ messages: openMessages(1), params: {} })).attempts).toBe(3);
    expect(delays).toEqual([2050, 2050]);
    const capped = providerFor(server, { maxDelayMs: 1500 });
    await capped.provider.chat({ messages: openMessages(2), params: {} });
    expect(capped.delays).toEqual([1500, 1500]);
  });

  it("does not retry a 401 and never reveals the API key", async () => {
    const secret = "sk-test-0123456789abcdef";
    const server = await start({ apiKey: "sk-the-right-one" });
    const { provider } = providerFor(server, { apiKey: secret });
    const err = await rejection(provider.chat({ messages: openMessages(1), params: {} }));
    expect(err).toMatchObject({ kind: "auth", status: 401, retryable: false, attempts: 1 });
    expect(server.stats().requests).toBe(1);
    for (const view of [err.message, String(err), err.stack, JSON.stringify(err), inspect(err, { depth: 5 })]) {
      expect(view).not.toContain(secret);
    }
    const check = await provider.testConnection();
    expect(check).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(check)).not.toContain(secret);
  });

  it("masks a key that the server echoes back", async () => {
    const secret = "sk-echoed-0123456789";
    const echo: typeof fetch = async () =>
      new Response(`{"error":{"message":"Incorrect API key provided: ${secret}"}}`, { status: 401 });
    const provider = createOpenAICompatibleProvider({ baseUrl: "http://127.0.0.1:9/v1", model: "m", apiKey: secret, fetchImpl: echo });
    const err = await rejection(provider.chat({ messages: openMessages(1), params: {} }));
    expect(err.message).toContain("Incorrect API key provided: ***");
    expect(err.message).not.toContain(secret);
  });

  it("does not retry an unknown model", async () => {
    const server = await start({ models: ["m1"] });
    const { provider } = providerFor(server);
    const err = await rejection(provider.chat({ messages: openMessages(1), params: {} }));
    expect(err).toMatchObject({ kind: "bad_request", status: 404, attempts: 1 });
  });

  it("lists models and checks the connection", async () => {
    const server = await start({ models: ["fake-chimed", "other"] });
    const { provider } = providerFor(server);
    expect(await provider.listModels()).toEqual(["fake-chimed", "other"]);
    const check = await provider.testConnection();
    expect(check).toMatchObject({ ok: true, status: 200, models: ["fake-chimed", "other"] });
    expect(check.sample?.length).toBeGreaterThan(0);

    const gone = await start();
    await gone.close();
    const down = await providerFor(gone).provider.testConnection();
    expect(down).toMatchObject({ ok: false, error: expect.stringMatching(/^connection to .* failed after 2 attempts: .*ECONNREFUSED/) });
  });
});

describe.each(["node-http", "fetch"] as const)("createOpenAICompatibleProvider over %s", (transport) => {
  it.each(allKinds)("retries %s until the server answers", async (kind) => {
    const server = await start({ seed: 2, faults: [{ kind }], faultOnlyFirstAttempts: 2 });
    // Only the two hung attempts get a short limit; the answered third never races one, however slow the machine.
    const { provider, delays } = providerFor(server, { transport, attemptTimeoutMs: (a) => (kind === "hang" && a <= 2 ? 200 : 60_000) });
    const result = await provider.chat({ messages: openMessages(4), params: {} });
    expect(result).toMatchObject({ text: fakeAnswer(openMessages(4), 2).text, attempts: 3 });
    expect(delays).toHaveLength(2);
    expect(server.stats().byKind).toMatchObject({ [kind]: 2, chat: 1 });
  });

  it.each(allKinds)("gives up on %s after maxRetries with a clear error", async (kind) => {
    const server = await start({ faults: [{ kind }] });
    const { provider } = providerFor(server, { transport, timeoutMs: kind === "hang" ? 150 : 30_000, maxRetries: 2 });
    const err = await rejection(provider.chat({ messages: openMessages(4), params: {} }));
    expect(err).toMatchObject({ kind: expectedKind[kind], retryable: true, attempts: 3 });
    expect(err.message).toContain("after 3 attempts");
    expect(server.stats().requests).toBe(3);
  });

  it("caps requests in flight at the configured concurrency", async () => {
    const server = await start({ latencyMs: 15 });
    const { provider } = providerFor(server, { transport, concurrency: 4 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => provider.chat({ messages: openMessages(i), params: {} })));
    expect(server.stats()).toMatchObject({ requests: 40, inFlightMax: 4 });
  });

  it("gets exactly the expected answers from a faulty server", async () => {
    const server = await start({ seed: 21, latencyMs: 2, faults: 0.3, faultOnlyFirstAttempts: 2 });
    // Only the first two attempts can hang, so only they get a short limit. A slow answer to one of them is asked
    // again, which changes no answer; the third attempt is always answered and has a limit no machine reaches.
    const { provider } = providerFor(server, { transport, attemptTimeoutMs: (a) => (a <= 2 ? 500 : 60_000), concurrency: 32 });
    const n = 240;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => provider.chat({ messages: mcqMessages(i), params: { temperature: 0 } })),
    );
    const choices = results.map((_, i) => fakeMcqChoice(mcqMessages(i), 21));
    expect(results.map((r) => r.text)).toEqual(choices.map((c) => c?.text));
    const gold = (i: number) => "ABCDE"[i % 5];
    const expectedCorrect = choices.filter((c, i) => c?.letter === gold(i)).length;
    const letterIn = (text: string) =>
      /^([A-E])$|答案：([A-E])|（([A-E])）|选([A-E])|答案是 ([A-E])|\(([A-E])\)/.exec(text)?.slice(1).find(Boolean);
    expect(results.filter((r, i) => letterIn(r.text) === gold(i)).length).toBe(expectedCorrect);
    expect(Object.keys(server.stats().byKind).sort()).toEqual(["chat", ...allKinds].sort());
    expect(results.some((r) => r.attempts === 3)).toBe(true);
  });

  // The server holds every answer, so only the abort can end these requests (else the test times out).
  it("stops at once when the caller aborts", async () => {
    const server = await start();
    server.hold();
    const { provider } = providerFor(server, { transport, timeoutMs: 600_000 });
    const controller = new AbortController();
    const answer = provider.chat({ messages: openMessages(1), params: {} }, controller.signal);
    await server.whenInFlight(1);
    controller.abort();
    await expect(answer).rejects.toThrow(/abort/i);
    expect(server.stats().requests).toBe(1);
  });

  it("stops every request that shares the caller's signal", async () => {
    const server = await start();
    server.hold();
    const { provider } = providerFor(server, { transport, concurrency: 16, timeoutMs: 600_000 });
    const controller = new AbortController();
    const answers = Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => provider.chat({ messages: openMessages(i), params: {} }, controller.signal)),
    );
    await server.whenInFlight(16);
    controller.abort();
    const outcomes = await answers;
    expect(outcomes.map((o) => o.status)).toEqual(Array(16).fill("rejected"));
    expect(server.stats().requests).toBe(16);
  });
});
