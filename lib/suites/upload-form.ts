import { AppError } from "@/lib/errors";
import { formatMegabytes } from "@/lib/format-bytes";

function tooLarge(limit: number): AppError {
  return new AppError(`upload larger than ${formatMegabytes(limit)} (the server's limit, CHIMED_MAX_UPLOAD_BYTES)`, 413, { limit });
}

/**
 * Reads an upload's body, counting bytes as they stream in: a declared length over the limit is refused before
 * anything is read, and a body that passes the limit is cancelled there, so memory never holds more than
 * `limit` bytes of it (a 1 GB upload is refused at once instead of after buffering a gigabyte).
 */
export async function readUploadBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** The multipart form of an upload, read within `limit` bytes (the form's other fields count too). */
export async function readUploadForm(request: Request, limit: number): Promise<FormData | null> {
  const bytes = await readUploadBytes(request, limit);
  const type = request.headers.get("content-type") ?? "";
  return new Response(bytes as BodyInit, { headers: { "content-type": type } }).formData().catch(() => null);
}
