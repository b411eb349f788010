import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/format-bytes";
import { readBodyWithin } from "./limited-body";

export const DEFAULT_JSON_BODY_LIMIT = 1024 * 1024;

function tooLarge(limit: number): AppError {
  return new AppError(`request body larger than ${formatBytes(limit)}`, 413, { limit }, "payload_too_large");
}

/** Reads a request body, counting bytes as they stream in and stopping (413) as soon as the limit is passed. */
export function readBodyLimited(request: Request, limit: number): Promise<Uint8Array> {
  return readBodyWithin(request, limit, () => tooLarge(limit));
}

/** A JSON body: `content-type: application/json` required (a cross-site form cannot send it), size bounded. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("send the body as JSON with content-type: application/json", 415, undefined, "unsupported_media_type");
  }
  const bytes = await readBodyLimited(request, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("the body is not valid UTF-8", 400, undefined, "invalid_json");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(text.trim() ? "the body is not valid JSON" : "a JSON body is required", 400, undefined, "invalid_json");
  }
}
