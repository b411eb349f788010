import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { CorpusEvent } from "./corpus-reader";
import { RollingFingerprinter } from "./fingerprint";
import { checkShardCount, type IndexMeta, metaFile, shardFile, shardOf, sortUnique } from "./index-format";
import { StreamingNormalizer } from "./normalize";

export interface BuildOptions {
  dir: string;
  n: number;
  shards?: number;
  /** Most fingerprints sorted in memory at once (8 bytes each); a shard larger than this is sorted in runs and merged. */
  memoryEntries?: number;
  /** Fingerprints buffered per shard before they are appended to its scratch file. */
  bufferEntries?: number;
}

/**
 * Builds an on-disk index of a corpus by external sort, in bounded memory: fingerprints are routed to shards
 * (top bits) and appended to scratch files; each shard is then sorted and deduplicated, in runs of at most
 * `memoryEntries` that are merged when it does not fit. Memory: shards × bufferEntries × 8 bytes of buffers
 * plus memoryEntries × 8 bytes while a shard is sorted.
 */
export async function buildIndex(events: AsyncIterable<CorpusEvent>, options: BuildOptions & { bytesRead?: () => number }): Promise<IndexMeta> {
  const shards = options.shards ?? 256;
  checkShardCount(shards);
  const memoryEntries = options.memoryEntries ?? 4 * 1024 * 1024;
  const bufferEntries = options.bufferEntries ?? 4096;
  const scratch = path.join(options.dir, "scratch");
  mkdirSync(scratch, { recursive: true });
  const rawFile = (s: number) => path.join(scratch, `${s}.raw`);
  const buffers = new BigUint64Array(shards * bufferEntries);
  const halves = new Uint32Array(buffers.buffer);
  const counts = new Int32Array(shards);

  const flush = (s: number) => {
    if (counts[s] === 0) return;
    const part = buffers.subarray(s * bufferEntries, s * bufferEntries + counts[s]);
    const kept = sortUnique(part);
    appendBytes(rawFile(s), new Uint8Array(part.buffer, part.byteOffset, kept * 8));
    counts[s] = 0;
  };
  const fingerprinter = new RollingFingerprinter(options.n, (hi, lo) => {
    const s = shardOf(hi, shards);
    const at = s * bufferEntries + counts[s];
    halves[at * 2] = lo;
    halves[at * 2 + 1] = hi;
    if (++counts[s] === bufferEntries) flush(s);
  });

  let documents = 0;
  let characters = 0;
  let normalizer = new StreamingNormalizer();
  const feed = (text: string) => {
    characters += text.length;
    fingerprinter.push(text);
  };
  try {
    for await (const event of events) {
      if ("text" in event) feed(normalizer.push(event.text));
      else {
        feed(normalizer.end());
        fingerprinter.reset();
        normalizer = new StreamingNormalizer();
        documents++;
      }
    }
    for (let s = 0; s < shards; s++) flush(s);
    let fingerprints = 0;
    for (let s = 0; s < shards; s++) fingerprints += finishShard(rawFile(s), shardFile(options.dir, s), memoryEntries);
    const meta: IndexMeta = {
      version: 1,
      n: options.n,
      shards,
      fingerprints,
      documents,
      characters,
      bytes: options.bytesRead?.() ?? 0,
      normalisation: "nfkc-lower-no-whitespace",
    };
    writeFileSync(metaFile(options.dir), `${JSON.stringify(meta, null, 2)}\n`);
    return meta;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function appendBytes(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, "a");
  try {
    writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

function entriesIn(file: string): number {
  try {
    return statSync(file).size / 8;
  } catch {
    return 0;
  }
}

/** Sorts one shard's scratch file into its final file; answers the distinct fingerprints written. */
function finishShard(raw: string, out: string, memoryEntries: number): number {
  const total = entriesIn(raw);
  const runs: string[] = [];
  const chunk = new BigUint64Array(Math.max(1, Math.min(total, memoryEntries)));
  const fd = total > 0 ? openSync(raw, "r") : null;
  let written = 0;
  try {
    for (let done = 0; done < total; ) {
      const take = Math.min(chunk.length, total - done);
      const part = chunk.subarray(0, take);
      readFully(fd!, new Uint8Array(part.buffer, 0, take * 8), done * 8);
      done += take;
      const kept = sortUnique(part);
      const runFile = total <= memoryEntries ? out : `${raw}.run${runs.length}`;
      writeFileSync(runFile, new Uint8Array(part.buffer, 0, kept * 8));
      runs.push(runFile);
      written = kept;
    }
  } finally {
    if (fd !== null) closeSync(fd);
  }
  if (runs.length === 0) {
    writeFileSync(out, new Uint8Array());
    return 0;
  }
  if (runs.length === 1) return written;
  return mergeRuns(runs, out, Math.max(1024, Math.floor(memoryEntries / (runs.length + 1))));
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  for (let got = 0; got < into.length; ) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) throw new Error("scratch file ended early");
    got += n;
  }
}

/** K-way merge of sorted runs into one sorted, repeat-free file, each run read through a small buffer. */
function mergeRuns(runs: string[], out: string, bufferEntries: number): number {
  const readers = runs.map((file) => new RunReader(file, bufferEntries));
  const output = new BigUint64Array(bufferEntries);
  const outFd = openSync(out, "w");
  let filled = 0;
  let written = 0;
  let last: bigint | null = null;
  try {
    for (;;) {
      let best = -1;
      for (let r = 0; r < readers.length; r++) {
        const head = readers[r].head();
        if (head !== null && (best === -1 || head < readers[best].head()!)) best = r;
      }
      if (best === -1) break;
      const value = readers[best].take();
      if (value === last) continue;
      last = value;
      output[filled++] = value;
      written++;
      if (filled === output.length) {
        writeSync(outFd, new Uint8Array(output.buffer, 0, filled * 8));
        filled = 0;
      }
    }
    if (filled > 0) writeSync(outFd, new Uint8Array(output.buffer, 0, filled * 8));
  } finally {
    closeSync(outFd);
    for (const reader of readers) reader.close();
    for (const run of runs) rmSync(run, { force: true });
  }
  return written;
}

class RunReader {
  private readonly fd: number;
  private readonly buffer: BigUint64Array;
  private readonly total: number;
  private consumed = 0;
  private at = 0;
  private size = 0;

  constructor(file: string, bufferEntries: number) {
    this.fd = openSync(file, "r");
    this.total = entriesIn(file);
    this.buffer = new BigUint64Array(bufferEntries);
  }

  head(): bigint | null {
    if (this.at === this.size) this.refill();
    return this.at < this.size ? this.buffer[this.at] : null;
  }

  take(): bigint {
    return this.buffer[this.at++];
  }

  private refill(): void {
    const take = Math.min(this.buffer.length, this.total - this.consumed);
    this.at = 0;
    this.size = take;
    if (take === 0) return;
    readFully(this.fd, new Uint8Array(this.buffer.buffer, 0, take * 8), this.consumed * 8);
    this.consumed += take;
  }

  close(): void {
    closeSync(this.fd);
  }
}
