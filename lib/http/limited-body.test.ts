import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readBodyWithin, writeBodyWithin } from "./limited-body";

class TooLarge extends Error {}
const tooLarge = () => new TooLarge("too large");

/** A body streamed in `chunks` pieces with no declared length; `cancelled` says whether the reader was told to stop. */
function streamed(chunks: string[], headers: Record<string, string> = {}) {
  const state = { cancelled: false, pulled: 0 };
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks.length) return controller.close();
      controller.enqueue(encoder.encode(chunks[state.pulled++]));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { request: new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit), state };
}

const dir = mkdtempSync(path.join(tmpdir(), "limited-body-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reading a body within a limit", () => {
  it("returns the whole body when it fits, exactly at the limit too", async () => {
    const { request } = streamed(["甲乙", "丙"]);
    expect(Buffer.from(await readBodyWithin(request, 9, tooLarge)).toString("utf8")).toBe("甲乙丙");
  });

  it("refuses a declared length over the limit before reading a byte", async () => {
    const { request, state } = streamed(["abc"], { "content-length": "100" });
    await expect(readBodyWithin(request, 10, tooLarge)).rejects.toBeInstanceOf(TooLarge);
    expect(state.pulled).toBe(0);
  });

  it("stops reading and cancels the sender once a streamed body passes the limit", async () => {
    const { request, state } = streamed(["abcd", "efgh", "ijkl", "mnop"]);
    await expect(readBodyWithin(request, 6, tooLarge)).rejects.toBeInstanceOf(TooLarge);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(4);
  });

  it("reads an absent body as empty", async () => {
    expect((await readBodyWithin(new Request("http://x/"), 10, tooLarge)).byteLength).toBe(0);
  });
});

describe("writing a body to a file within a limit", () => {
  it("writes the whole body and returns its size", async () => {
    const file = path.join(dir, "ok.txt");
    const { request } = streamed(["line 1\n", "line 2\n"]);
    expect(await writeBodyWithin(request, file, 100, tooLarge)).toBe(14);
    expect(readFileSync(file, "utf8")).toBe("line 1\nline 2\n");
  });

  it("leaves no file when the body passes the limit midway", async () => {
    const file = path.join(dir, "big.txt");
    const { request, state } = streamed(["abcd", "efgh", "ijkl"]);
    await expect(writeBodyWithin(request, file, 6, tooLarge)).rejects.toBeInstanceOf(TooLarge);
    expect(existsSync(file)).toBe(false);
    expect(state.cancelled).toBe(true);
  });

  it("cancels the sender when the file cannot be written", async () => {
    const file = path.join(dir, "no-such-folder", "x.txt");
    const { request, state } = streamed(["abcd", "efgh"]);
    await expect(writeBodyWithin(request, file, 100, tooLarge)).rejects.toThrow();
    expect(state.cancelled).toBe(true);
  });
});
