import { AppError } from "@/lib/errors";
import { formatMegabytes } from "@/lib/format-bytes";
import { readBodyWithin } from "@/lib/http/limited-body";

export function uploadTooLarge(limit: number): AppError {
  return new AppError(`upload larger than ${formatMegabytes(limit)} (the server's limit, CHIMED_MAX_UPLOAD_BYTES)`, 413, { limit });
}

/** An upload's body within `limit` bytes, refused (413) as soon as it passes them (see readBodyWithin). */
export function readUploadBytes(request: Request, limit: number): Promise<Uint8Array> {
  return readBodyWithin(request, limit, () => uploadTooLarge(limit));
}

/** The multipart form of an upload, read within `limit` bytes (the form's other fields count too). */
export async function readUploadForm(request: Request, limit: number): Promise<FormData | null> {
  const bytes = await readUploadBytes(request, limit);
  const type = request.headers.get("content-type") ?? "";
  return new Response(bytes as BodyInit, { headers: { "content-type": type } }).formData().catch(() => null);
}
