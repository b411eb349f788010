import type { ServerResponse } from "node:http";
import { hashString } from "@/lib/scoring/random";
import { mixHash } from "./faults";

export const hostileKinds = ["nul", "surrogate", "huge"] as const;
export type HostileKind = (typeof hostileKinds)[number];

/**
 * Answers no well-behaved server gives: a NUL inside the text, unpaired UTF-16 surrogates (sent as JSON
 * escapes, the only way they travel), or a body of `hugeBytes` streamed without end in sight. A request's
 * kind depends on its content only, so a retry of it gets the same treatment.
 */
export interface HostileSpec {
  rate: number;
  kinds?: readonly HostileKind[];
  /** Size of a huge answer's body in bytes (default 400 MB). */
  hugeBytes?: number;
}

export const DEFAULT_HUGE_BYTES = 400 * 1024 * 1024;

export function hostileKindFor(spec: HostileSpec | undefined, seed: number, key: number): HostileKind | null {
  if (!spec || spec.rate <= 0) return null;
  const kinds = spec.kinds?.length ? spec.kinds : hostileKinds;
  const u = mixHash(hashString(`hostile:${seed}:${key}`)) / 4294967296;
  if (u >= spec.rate) return null;
  return kinds[Math.min(kinds.length - 1, Math.floor((u / spec.rate) * kinds.length))];
}

/** The answer with a NUL in its middle, or with a lone high and a lone low surrogate around it. */
export function hostileText(kind: "nul" | "surrogate", text: string): string {
  if (kind === "nul") {
    const middle = Math.floor(text.length / 2);
    return `${text.slice(0, middle)}\u0000${text.slice(middle)}`;
  }
  return `\udc00${text}\ud83d`;
}

const FILLER = Buffer.from("很长的回答".repeat(4096));

/** Streams a chat completion whose content is `bytes` long, respecting back-pressure; stops when the client leaves. */
export function sendHugeAnswer(res: ServerResponse, { id, model, bytes }: { id: string; model: string; bytes: number }): void {
  const created = Math.floor(Date.now() / 1000);
  const head = `{"id":"${id}","object":"chat.completion","created":${created},"model":${JSON.stringify(model)},"choices":[{"index":0,"message":{"role":"assistant","content":"`;
  const tail = `"},"finish_reason":"length"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}`;
  res.writeHead(200, { "content-type": "application/json" });
  res.write(head);
  let left = bytes;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const chunk = left >= FILLER.length ? FILLER : FILLER.subarray(0, left - (left % 3));
      left = chunk.length === 0 ? 0 : left - chunk.length;
      if (chunk.length > 0 && !res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}
