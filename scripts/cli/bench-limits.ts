// `npm run bench -- --limits`: what the answer and upload caps cost: time to refuse and memory held meanwhile.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { formatMegabytes } from "@/lib/format-bytes";
import { createOpenAICompatibleProvider, DEFAULT_MAX_ANSWER_BYTES } from "@/lib/providers/openai-compatible";
import { readUploadBytes } from "@/lib/suite-store/upload-form";
import { startFakeOpenAI } from "@/scripts/fake-openai/server";

const MB = 1024 * 1024;

/** Runs `work` while sampling this process's RSS; reports the time taken and the peak RSS above the start. */
async function measured<T>(work: () => Promise<T>) {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - started, extraRssMb: (Math.max(peak, process.memoryUsage().rss) - base) / MB };
  } finally {
    clearInterval(sampler);
  }
}

async function hugeAnswer(bytes: number) {
  const fake = await startFakeOpenAI({ hostile: { rate: 1, kinds: ["huge"], hugeBytes: bytes } });
  try {
    const provider = createOpenAICompatibleProvider({ baseUrl: fake.url, model: "fake-chimed" });
    return await measured(() =>
      provider.chat({ messages: [{ role: "user", content: "你好" }], params: {} }).then(
        () => "read whole",
        (e: Error) => e.message,
      ),
    );
  } finally {
    await fake.close();
  }
}

/** A server that reads uploads as the import route does, and a client that streams `bytes` at it. */
async function hugeUpload(bytes: number, declareLength: boolean) {
  const limit = 50 * MB;
  const server = http.createServer((req, res) => {
    const request = new Request("http://localhost/", {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    readUploadBytes(request, limit).then(
      () => res.writeHead(201).end(),
      (e: Error) => res.writeHead(413, { connection: "close" }).end(e.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const chunk = Buffer.alloc(256 * 1024, 120);
  try {
    return await measured(
      () =>
        new Promise<string>((resolve) => {
          const headers = declareLength ? { "content-length": String(bytes) } : {};
          const req = http.request({ host: "127.0.0.1", port, method: "POST", headers }, (res) => {
            resolve(`${res.statusCode}`);
            req.destroy();
          });
          req.on("error", () => {});
          let sent = 0;
          const write = () => {
            while (sent < bytes && !req.destroyed) {
              sent += chunk.length;
              if (!req.write(chunk)) return void req.once("drain", write);
            }
            if (!req.destroyed) req.end();
          };
          write();
        }),
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

export async function runLimitsBench(log: (line: string) => void): Promise<string> {
  log("limits: a 400 MB answer, a 1 GB upload (declared and chunked)");
  const answer = await hugeAnswer(400 * MB);
  const declared = await hugeUpload(1024 * MB, true);
  const chunked = await hugeUpload(1024 * MB, false);
  const row = (what: string, r: { value: string; ms: number; extraRssMb: number }) =>
    `${what.padEnd(44)} ${r.value.slice(0, 40).padEnd(40)} ${r.ms.toFixed(0).padStart(7)} ms ${r.extraRssMb.toFixed(0).padStart(6)} MB`;
  return [
    `${"case".padEnd(44)} ${"outcome".padEnd(40)} ${"time".padStart(10)} ${"+RSS".padStart(9)}`,
    row(`400 MB answer, cap ${formatMegabytes(DEFAULT_MAX_ANSWER_BYTES)}`, answer),
    row("1 GB upload with content-length, limit 50 MB", declared),
    row("1 GB upload chunked, limit 50 MB", chunked),
  ].join("\n");
}
