import { describe, expect, it, vi } from "vitest";
import { requestKey } from "./faults";
import { hostileKindFor } from "./hostile";
import { openMessages } from "./test-prompts";
import { fakeServersPerTest } from "./testing";

const start = fakeServersPerTest();

const post = (url: string, messages: unknown) =>
  fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "fake-chimed", messages }),
  });

describe("fake server test tooling", () => {
  it("holds responses until released and counts calls per request", async () => {
    const server = await start();
    server.hold();
    const replies = [0, 1, 2, 1].map((i) => post(server.url, openMessages(i)));
    await vi.waitFor(() => expect(server.stats().held).toBe(4));
    expect(server.stats()).toMatchObject({ inFlight: 4, distinctRequests: 3, maxCallsPerRequest: 2 });
    server.release();
    expect((await Promise.all(replies)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(server.stats().held).toBe(0);
    server.resetStats();
    expect(server.stats()).toMatchObject({ distinctRequests: 0, maxCallsPerRequest: 0 });
  });

  it("answers NUL, lone surrogates and huge bodies for the requests the hostile draw picks", async () => {
    const hostile = { rate: 1, hugeBytes: 3 * 1024 * 1024 };
    const server = await start({ hostile, seed: 5 });
    const byKind = new Map<string, number>();
    for (let i = 0; byKind.size < 3 && i < 100; i++) {
      const kind = hostileKindFor(hostile, 5, requestKey("fake-chimed", openMessages(i)))!;
      if (byKind.has(kind)) continue;
      byKind.set(kind, i);
      const text = await (await post(server.url, openMessages(i))).text();
      if (kind === "huge") {
        expect(text.length).toBeGreaterThan(1024 * 1024);
        expect(JSON.parse(text).choices[0].message.content.startsWith("很长的回答")).toBe(true);
      } else {
        const content: string = JSON.parse(text).choices[0].message.content;
        if (kind === "nul") expect(content).toContain("\u0000");
        else expect(content).toMatch(/^\udc00.*\ud83d$/s);
      }
    }
    expect([...byKind.keys()].sort()).toEqual(["huge", "nul", "surrogate"]);
    expect(server.stats().byKind).toMatchObject({ huge: 1, nul: 1, surrogate: 1 });
  });

  it("stops writing a huge body when the client hangs up", async () => {
    const server = await start({ hostile: { rate: 1, kinds: ["huge"], hugeBytes: 1024 * 1024 * 1024 } });
    const controller = new AbortController();
    const res = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ messages: openMessages(1) }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await vi.waitFor(() => expect(server.stats().inFlight).toBe(0));
  });
});
