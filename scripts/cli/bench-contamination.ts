// `npm run bench -- --contamination [MB]`: indexes a generated corpus (JSONL of Chinese-like text, 200 MB by
// default), then checks 2,000 items of 100 characters (half copied from the corpus) against it.
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type BuildJob, runBuildJob } from "@/lib/contamination/build-job";
import { readCorpus } from "@/lib/contamination/corpus-reader";
import { buildIndex } from "@/lib/contamination/index-build";
import { checkTexts, readIndexMeta } from "@/lib/contamination/index-query";
import { buildOffThread } from "@/lib/contamination/off-thread";
import { peakRssBytes } from "./bench-bare";

const DOC_CHARS = 2000;
const ITEMS = 2000;

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

/** A document of DOC_CHARS characters from 3,000 CJK code points (3 UTF-8 bytes each) and some punctuation. */
function document(next: () => number): string {
  let out = "";
  for (let i = 0; i < DOC_CHARS; i++) out += (i + 1) % 40 === 0 ? "。" : String.fromCodePoint(0x4e00 + (next() % 3000));
  return out;
}

/** Writes a generated JSONL corpus of about `megabytes`; answers its bytes and 100-character samples of it. */
async function writeCorpus(file: string, megabytes: number): Promise<{ written: number; samples: string[] }> {
  const next = random(42);
  const out = createWriteStream(file);
  const samples: string[] = [];
  let written = 0;
  for (let d = 0; written < megabytes * 1e6; d++) {
    const text = document(next);
    if (samples.length < ITEMS / 2 && d % 7 === 0) samples.push(text.slice(500, 600));
    const line = `${JSON.stringify({ text })}\n`;
    written += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { written, samples };
}

/**
 * `npm run bench -- --contamination-thread [MB]` (50 by default): the longest the event loop (the one that
 * answers requests) is held while a corpus is indexed in place, and while it is indexed on the build thread.
 */
export async function benchContaminationThread(megabytes: number, log: (line: string) => void): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-contam-thread-"));
  try {
    const file = path.join(dir, "corpus.jsonl");
    const { written } = await writeCorpus(file, megabytes);
    log(`corpus: ${(written / 1e6).toFixed(0)} MB generated`);
    const lines = [`contamination build, ${(written / 1e6).toFixed(0)} MB JSONL: longest event-loop stall`];
    for (const [where, build] of [
      ["in place", (job: BuildJob) => runBuildJob(job)],
      ["build thread", (job: BuildJob) => buildOffThread(job)],
    ] as const) {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = performance.now();
      const outcome = await build({ file, dir: path.join(dir, where.replace(" ", "-")), n: 13, format: "jsonl" });
      const seconds = (performance.now() - started) / 1000;
      delay.disable();
      if (outcome.type !== "built") throw new Error(`the ${where} build failed: ${outcome.message}`);
      lines.push(`  ${where}: ${seconds.toFixed(1)} s to build, longest stall ${(delay.max / 1e6).toFixed(0)} ms, 99th percentile ${(delay.percentile(99) / 1e6).toFixed(0)} ms`);
    }
    return lines.join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchContamination(megabytes: number, log: (line: string) => void): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-contam-"));
  try {
    const file = path.join(dir, "corpus.jsonl");
    const { written, samples } = await writeCorpus(file, megabytes);
    log(`corpus: ${(written / 1e6).toFixed(0)} MB generated`);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const meta = await buildIndex(readCorpus(file, { format: "jsonl" }), { dir: path.join(dir, "index"), n: 13 });
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
    const indexBytes = readdirSync(path.join(dir, "index")).reduce((sum, f) => sum + statSync(path.join(dir, "index", f)).size, 0);
    const rss = peakRssBytes();
    const items = [...samples.map((question, i) => ({ key: `in${i}`, question, answer: "" }))];
    const miss = random(7);
    while (items.length < ITEMS) items.push({ key: `out${items.length}`, question: document(miss).slice(0, 100), answer: "" });
    const queryStart = performance.now();
    const found = checkTexts(path.join(dir, "index"), readIndexMeta(path.join(dir, "index")), items);
    const queryMs = performance.now() - queryStart;
    const hits = [...found.values()].filter((m) => m.question).length;
    return [
      `contamination index: ${(written / 1e6).toFixed(0)} MB JSONL, ${meta.documents} documents, ${meta.characters} characters`,
      `  build: ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, ${(written / 1e6 / seconds).toFixed(1)} MB/s, ${(meta.characters / seconds / 1e6).toFixed(2)} M chars/s`,
      `  index: ${meta.fingerprints} distinct 13-grams, ${(indexBytes / 1e6).toFixed(0)} MB on disk in ${meta.shards} shards`,
      `  peak RSS: ${(rss / 1e6).toFixed(0)} MB (the whole process, generation included)`,
      `  query: ${ITEMS} items of 100 characters in ${queryMs.toFixed(0)} ms; ${hits} matched (${samples.length} copied from the corpus)`,
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
