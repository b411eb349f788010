import { createWriteStream } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Streams text to a file (written whole or not at all is not promised: a failed export leaves a partial file) or stdout. */
export async function writeChunks(chunks: AsyncIterable<string>, out: string | undefined, stdout: Writable = process.stdout): Promise<void> {
  const source = Readable.from(chunks, { objectMode: false });
  if (out) await pipeline(source, createWriteStream(out));
  else await pipeline(source, stdout, { end: false });
}
