import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { once } from "node:events";
import { finished } from "node:stream/promises";

/**
 * A request's or a response's body as chunks, counting bytes as they stream in: a declared length over the limit
 * is refused before anything is read, and a body that passes the limit is cancelled there, so no caller ever
 * sees more than `limit` bytes of it (a 1 GB upload or a 400 MB answer is refused at once, not after buffering it).
 */
async function* chunksWithin(message: Request | Response, limit: number, tooLarge: () => Error): AsyncGenerator<Uint8Array> {
  const declared = Number(message.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await message.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!message.body) return;
  const reader = message.body.getReader();
  let size = 0;
  let finishedReading = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finishedReading = true;
        return;
      }
      size += value.byteLength;
      if (size > limit) throw tooLarge();
      yield value;
    }
  } finally {
    // Refused, or the consumer stopped early (a failed write): the sender is told to stop either way.
    if (!finishedReading) await reader.cancel().catch(() => {});
  }
}

/** The whole body within `limit` bytes (see chunksWithin): memory never holds more than that. */
export async function readBodyWithin(message: Request | Response, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of chunksWithin(message, limit, tooLarge)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Streams a request's body into a file within `limit` bytes, with the same refusals as readBodyWithin; memory
 * holds one chunk at a time, so a corpus of any size allowed goes to disk. A refused body leaves no file.
 */
export async function writeBodyWithin(message: Request, file: string, limit: number, tooLarge: () => Error): Promise<number> {
  const out = createWriteStream(file);
  let size = 0;
  try {
    // A file that cannot be created fails here, before a byte of the upload is read.
    await once(out, "ready");
    for await (const chunk of chunksWithin(message, limit, tooLarge)) {
      size += chunk.byteLength;
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await finished(out);
    return size;
  } catch (error) {
    // Writes still queued fail once the stream is destroyed; the error that matters is the one rethrown here.
    out.on("error", () => {});
    out.destroy();
    if (message.body && !message.body.locked) await message.body.cancel().catch(() => {});
    await rm(file, { force: true });
    throw error;
  }
}
