import { createWriteStream } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Streams text to a file or to stdout (left open); an export that fails midway leaves a partial file. */
export async function writeChunks(chunks: AsyncIterable<string>, out: string | undefined, stdout: Writable = process.stdout): Promise<void> {
  const source = Readable.from(chunks, { objectMode: false });
  if (out) await pipeline(source, createWriteStream(out));
  else await pipeline(source, stdout, { end: false });
}
