import { describe, expect, it, vi } from "vitest";
import { fakeServersPerTest } from "@/scripts/fake-openai/testing";
import { createOpenAICompatibleProvider } from "./openai-compatible";
import { ProviderError } from "./types";

const start = fakeServersPerTest();
const MB = 1024 * 1024;

describe.each(["node-http", "fetch"] as const)("answer size cap over %s", (transport) => {
  it("stops reading past the cap, hangs up and fails the item without asking again", async () => {
    const server = await start({ hostile: { rate: 1, kinds: ["huge"], hugeBytes: 256 * MB } });
    const provider = createOpenAICompatibleProvider({ baseUrl: server.url, model: "fake-chimed", transport, maxAnswerBytes: MB, maxRetries: 4 });
    const error = await provider.chat({ messages: [{ role: "user", content: "你好" }], params: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "too_large", attempts: 1, retryable: false });
    expect((error as Error).message).toMatch(/^answer larger than 1 MB after 1 attempt/);
    // The server saw the client hang up long before its 256 MB were written.
    await vi.waitFor(() => expect(server.stats().inFlight).toBe(0));
    expect(server.stats().requests).toBe(1);
  });

  it("reads answers under the cap as usual", async () => {
    const server = await start({ hostile: { rate: 1, kinds: ["huge"], hugeBytes: MB / 2 } });
    const provider = createOpenAICompatibleProvider({ baseUrl: server.url, model: "fake-chimed", transport, maxAnswerBytes: MB });
    const result = await provider.chat({ messages: [{ role: "user", content: "你好" }], params: {} });
    expect(Buffer.byteLength(result.text)).toBe(MB / 2 - ((MB / 2) % 3));
  });
});
