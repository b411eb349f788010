import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { once } from "node:events";
import { finished } from "node:stream/promises";

/**
 * Reads a request's or a response's body, counting bytes as they stream in: a declared length over the limit is
 * refused before anything is read, and a body that passes the limit is cancelled there, so memory never holds
 * more than `limit` bytes of it (a 1 GB upload or a 400 MB answer is refused at once, not after buffering it).
 */
export async function readBodyWithin(message: Request | Response, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  const declared = Number(message.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await message.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!message.body) return new Uint8Array();
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Streams a request's body into a file within `limit` bytes, with the same refusals as readBodyWithin; memory
 * holds one chunk at a time, so a corpus of any size allowed goes to disk. A refused body leaves no file.
 */
export async function writeBodyWithin(message: Request, file: string, limit: number, tooLarge: () => Error): Promise<number> {
  const declared = Number(message.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await message.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const out = createWriteStream(file);
  let size = 0;
  try {
    if (message.body) {
      const reader = message.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limit) {
          await reader.cancel().catch(() => {});
          throw tooLarge();
        }
        if (!out.write(value)) await once(out, "drain");
      }
    }
    out.end();
    await finished(out);
    return size;
  } catch (error) {
    out.destroy();
    await rm(file, { force: true });
    throw error;
  }
}
