import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, promptLogprobs } from "@/lib/onnx/generate";
import { writeTinyModel } from "@/scripts/tiny-model/build";
import { createOnnxLocalProvider, stopOnnxWorkers } from "./onnx-local";
import type { ChatMessage } from "@/lib/suites/types";

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "onnx-worker-"));
});
afterAll(async () => {
  await stopOnnxWorkers();
  rmSync(root, { recursive: true, force: true });
});

function tinyModel(name: string): string {
  const dir = path.join(root, name);
  writeTinyModel(dir);
  return dir;
}

/**
 * Turns the model's config.json into a named pipe: the worker's load then blocks in a synchronous read (as
 * session.run blocks its thread) until the test writes the file's text into the pipe.
 */
function gate(dir: string) {
  const file = path.join(dir, "config.json");
  const text = readFileSync(file);
  rmSync(file);
  execFileSync("mkfifo", [file]);
  return {
    /** Resolves once a reader holds the pipe open, i.e. the worker's thread sits in its read. */
    async reached(): Promise<number> {
      for (;;) {
        try {
          return openSync(file, constants.O_WRONLY | constants.O_NONBLOCK);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENXIO") throw error;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    },
    release(fd: number) {
      writeSync(fd, text);
      closeSync(fd);
    },
    /** A plain file again, for a freshly started worker's load. */
    restore() {
      rmSync(file);
      writeFileSync(file, text);
    },
  };
}

const ask = (q: string): ChatMessage[] => [{ role: "user", content: `以下是单项选择题。\n题目：${q}\nA. 胸腔\nB. 腹腔\nC. 盆腔\nD. 颅腔\n答案：` }];
const questions = ["肺位于", "心脏位于", "胃位于", "膀胱位于", "脑位于"];

async function inThreadAnswer(dir: string, messages: ChatMessage[], maxTokens = 8) {
  const model = await createOnnxLocalProvider({ dir }).loaded();
  return (await generate(model, model.tokenizer.encodeChat(messages), { maxTokens })).text;
}

function settledFlag(promise: Promise<unknown>) {
  const state = { settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

describe("onnx-local on a worker thread", () => {
  it("gives the in-thread loop's greedy answers, top log-probabilities and prompt log-probabilities", async () => {
    const dir = tinyModel("same");
    const provider = createOnnxLocalProvider({ dir });
    const model = await provider.loaded();
    for (const q of questions) {
      const messages = ask(q);
      const here = await generate(model, model.tokenizer.encodeChat(messages), { maxTokens: 8, topLogprobs: 3 });
      const there = await provider.chat({ messages, params: { max_tokens: 8, temperature: 0, logprobs: true, top_logprobs: 3 } });
      expect(there).toMatchObject({ text: here.text, finishReason: here.finishReason, promptTokens: here.promptTokens, completionTokens: here.completionTokens });
      expect(there.topLogprobs).toEqual(here.topLogprobs);
    }
    expect(await provider.promptLogprobs("肺位于胸腔。")).toEqual(await promptLogprobs(model, "肺位于胸腔。"));
  });

  it("reports the logprobs of the labels a request names, also outside the top ones (the likelihood answer modes)", async () => {
    const dir = tinyModel("labels");
    const provider = createOnnxLocalProvider({ dir });
    const model = await provider.loaded();
    const messages = ask(questions[0]);
    const params = { max_tokens: 1, temperature: 0, logprobs: true, top_logprobs: 3 };
    const every = await generate(model, model.tokenizer.encodeChat(messages), { maxTokens: 1, topLogprobs: 10_000 });
    const far = every.topLogprobs![100];
    const there = await provider.chat({ messages, params, logprobLabels: [far.token] });
    expect(there.topLogprobs).toHaveLength(4);
    expect(there.topLogprobs![3]).toEqual(far);
    expect((await provider.chat({ messages, params })).topLogprobs).toHaveLength(3);
  });

  it("keeps the event loop answering timers and requests while the worker's thread is blocked", async () => {
    const dir = tinyModel("gated");
    const pipe = gate(dir);
    const messages = ask(questions[0]);
    const answer = createOnnxLocalProvider({ dir }).chat({ messages, params: { max_tokens: 8 } });
    const state = settledFlag(answer);
    // Polling the pipe already takes timer turns; an HTTP round trip on this thread takes many more.
    const fd = await pipe.reached();
    const server = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(state.settled).toBe(false);
    pipe.release(fd);
    expect((await answer).text).toBe(await inThreadAnswer(tinyModel("gated-ref"), messages));
  });

  it("rejects an aborted request at once; the job queued behind it then runs", async () => {
    const dir = tinyModel("abort");
    const pipe = gate(dir);
    const provider = createOnnxLocalProvider({ dir });
    const controller = new AbortController();
    const first = provider.chat({ messages: ask(questions[1]), params: { max_tokens: 8 } }, controller.signal);
    const second = provider.chat({ messages: ask(questions[2]), params: { max_tokens: 8 } });
    const fd = await pipe.reached();
    controller.abort();
    // Rejected while the worker still sits in its read.
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    pipe.release(fd);
    expect((await second).text).toBe(await inThreadAnswer(tinyModel("abort-ref"), ask(questions[2])));
  });

  it("fails the item with a clear message when the worker stops, and starts a fresh worker for the next", async () => {
    const dir = tinyModel("crash");
    const pipe = gate(dir);
    const provider = createOnnxLocalProvider({ dir });
    // Caught at once: the worker's exit rejects it while this test still awaits the stop.
    const lost = provider.chat({ messages: ask(questions[3]), params: { max_tokens: 8 } }).catch((error: unknown) => error);
    const fd = await pipe.reached();
    const stopping = stopOnnxWorkers();
    pipe.release(fd);
    await stopping;
    expect(await lost).toMatchObject({ name: "ProviderError", message: expect.stringMatching(/^onnx model: the model's worker thread stopped \(exit code 1\)/) });
    pipe.restore();
    const again = await provider.chat({ messages: ask(questions[3]), params: { max_tokens: 8 } });
    expect(again.text).toBe(await inThreadAnswer(tinyModel("crash-ref"), ask(questions[3])));
  });

  it("reports a broken model folder as the item's error, not a stopped server", async () => {
    const dir = tinyModel("broken");
    writeFileSync(path.join(dir, "tokenizer.json"), "{ not json");
    const error = await createOnnxLocalProvider({ dir }).chat({ messages: ask(questions[4]), params: { max_tokens: 8 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ProviderError", kind: "bad_request", message: expect.stringMatching(/^onnx model: tokenizer\.json: /) });
  });
});
