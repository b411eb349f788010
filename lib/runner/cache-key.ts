import { createHash } from "node:crypto";
import type { ChatRequest } from "@/lib/providers/types";
import { canonicalJson } from "@/lib/suites/content-hash";

/** Same endpoint, model, decoding parameters and messages: same answer, no second model call. */
export function responseCacheKey(endpoint: string, request: ChatRequest): string {
  return createHash("sha256")
    .update(canonicalJson({ endpoint, params: request.params, messages: request.messages }))
    .digest("hex");
}
