import { createRng, hashString } from "@/lib/scoring/random";
import type { ChatMessage } from "@/lib/suites/types";

export type Rng = () => number;

export function lastUserContent(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === "user") return messages[i].content;
  }
  return messages.at(-1)?.content ?? "";
}

/** Every answer is a pure function of (seed, prompt text, salt), so tests can recompute it. */
export function seededRng(seed: number, text: string, salt = ""): Rng {
  return createRng(hashString(`${seed}\u0000${salt}\u0000${text}`));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function hasCjk(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

// Crude BPE stand-in: short ASCII runs, whitespace runs, any other single code point.
const TOKEN_RE = /[A-Za-z0-9]{1,4}|\s+|[^A-Za-z0-9\s]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000) return true;
  if (c < 0x1680) return false;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0xfeff;
}

/** Same count as tokenize(text).length without allocating, for prompts on the hot path. */
export function countTokens(text: string): number {
  let n = 0;
  let alnumRun = 0;
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isAlnum(c)) {
      if (alnumRun % 4 === 0) n++;
      alnumRun++;
      inSpace = false;
      continue;
    }
    alnumRun = 0;
    if (isSpace(c)) {
      if (!inSpace) n++;
      inSpace = true;
      continue;
    }
    inSpace = false;
    const isLowSurrogate = c >= 0xdc00 && c <= 0xdfff;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (!(isLowSurrogate && prev >= 0xd800 && prev <= 0xdbff)) n++;
  }
  return n;
}
