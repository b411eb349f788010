import { createHash } from "node:crypto";
import type { ChatRequest } from "@/lib/providers/types";

/**
 * Same endpoint, model, decoding parameters and messages: same answer, no second model call. Requests are built
 * by one code path with a fixed key order, so plain JSON is a stable (and much cheaper) serialisation here.
 */
export function responseCacheKey(endpoint: string, request: ChatRequest): string {
  return createHash("sha256")
    .update(JSON.stringify([endpoint, request.params, request.messages]))
    .digest("hex");
}
