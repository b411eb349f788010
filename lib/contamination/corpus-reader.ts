import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";

export type CorpusFormat = "jsonl" | "text";

/** A piece of a document's raw text, or the end of a document. */
export type CorpusEvent = { text: string } | { end: true };

export interface CorpusReadOptions {
  format: CorpusFormat;
  /** Bytes per read (the stream's chunk size). */
  chunkBytes?: number;
  /** A JSONL line longer than this (characters) is refused: a line is the one thing held whole. */
  maxLineChars?: number;
  /** Counts bytes as they are read (for progress and the stored figures). */
  onBytes?: (bytes: number) => void;
}

export class CorpusFormatError extends Error {}

/** `.jsonl` / `.json` files are JSONL, anything else plain text. */
export function corpusFormatOf(fileName: string): CorpusFormat {
  return /\.jsonl?$/i.test(fileName) ? "jsonl" : "text";
}

/**
 * Streams a corpus file. Plain text is one document (an n-gram may cross a line break); each JSONL line
 * `{"text": "…"}` is a document of its own. UTF-8 split across reads is decoded whole (StringDecoder).
 */
export async function* readCorpus(path: string, options: CorpusReadOptions): AsyncGenerator<CorpusEvent> {
  const decoder = new StringDecoder("utf8");
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  if (options.format === "text") {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.onBytes?.(chunk.length);
      const text = decoder.write(chunk);
      if (text) yield { text };
    }
    const rest = decoder.end();
    if (rest) yield { text: rest };
    yield { end: true };
    return;
  }
  const maxLine = options.maxLineChars ?? 64 * 1024 * 1024;
  let pending = "";
  let lineNo = 0;
  function* lines(text: string, final: boolean): Generator<CorpusEvent> {
    pending += text;
    let start = 0;
    for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
      yield* documentOf(pending.slice(start, nl), ++lineNo);
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (final && pending) yield* documentOf(pending, ++lineNo);
    if (pending.length > maxLine) throw new CorpusFormatError(`line ${lineNo + 1}: longer than ${maxLine} characters`);
  }
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    options.onBytes?.(chunk.length);
    yield* lines(decoder.write(chunk), false);
  }
  yield* lines(decoder.end(), true);
}

function* documentOf(line: string, lineNo: number): Generator<CorpusEvent> {
  if (line.trim() === "") return;
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    throw new CorpusFormatError(`line ${lineNo}: not JSON`);
  }
  const text = (row as { text?: unknown } | null)?.text;
  if (typeof text !== "string") throw new CorpusFormatError(`line ${lineNo}: no string field "text"`);
  yield { text };
  yield { end: true };
}
