import { hashString } from "@/lib/scoring/random";
import type { ChatMessage } from "@/lib/suites/types";
import { lastUserContent } from "./text-utils";

export const faultKinds = ["rate_limit", "server_error", "reset", "hang", "malformed", "empty_choices"] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultRule {
  kind: FaultKind;
  /** Substring of the last user message, or a predicate; omitted = every request. */
  match?: string | ((messages: readonly ChatMessage[]) => boolean);
  /** A matching request faults on its first `times` attempts (default: always). */
  times?: number;
}

/** A rate in 0..1 mixing all kinds, a rate over chosen kinds, or scripted rules (first match wins). */
export type FaultSpec = number | { rate: number; kinds?: readonly FaultKind[] } | readonly FaultRule[];

export interface FaultPlan {
  /** Call once per request: counts the attempt and says which fault, if any, to inject. */
  decide(messages: readonly ChatMessage[], key: number): FaultKind | null;
  reset(): void;
}

// Bounded memory for long benchmark runs; forgetting counts only makes late retries fault again.
const MAX_TRACKED = 1_000_000;

/**
 * Murmur3's finaliser: FNV-1a of strings that differ only in their last characters (an attempt number) differs
 * only in its low bits, so draws for the attempts of one request were nearly equal; this spreads every bit.
 */
export function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function requestKey(model: string, messages: readonly ChatMessage[]): number {
  let text = model;
  for (const m of messages) text += `\u0001${m.role}\u0002${m.content}`;
  return hashString(text);
}

function ruleMatches(rule: FaultRule, messages: readonly ChatMessage[]): boolean {
  if (rule.match === undefined) return true;
  if (typeof rule.match === "function") return rule.match(messages);
  return lastUserContent(messages).includes(rule.match);
}

export function createFaultPlan(
  spec: FaultSpec | undefined,
  seed: number,
  faultOnlyFirstAttempts = Number.POSITIVE_INFINITY,
): FaultPlan | null {
  if (spec === undefined || spec === 0) return null;
  const seen = new Map<number, number>();
  const rules = Array.isArray(spec) ? (spec as readonly FaultRule[]) : null;
  const mix = typeof spec === "number" ? { rate: spec, kinds: faultKinds } : (spec as { rate: number; kinds?: readonly FaultKind[] });
  const kinds = mix.kinds ?? faultKinds;

  function decideByRate(key: number, attempt: number): FaultKind | null {
    // Each attempt gets its own, independent draw.
    const u = mixHash(hashString(`${seed}:${key}:${attempt}`)) / 4294967296;
    if (u >= mix.rate) return null;
    return kinds[Math.min(kinds.length - 1, Math.floor((u / mix.rate) * kinds.length))];
  }

  return {
    decide(messages, key) {
      const attempt = seen.get(key) ?? 0;
      if (seen.size >= MAX_TRACKED) seen.clear();
      seen.set(key, attempt + 1);
      if (attempt >= faultOnlyFirstAttempts) return null;
      if (!rules) return decideByRate(key, attempt);
      const rule = rules.find((r) => ruleMatches(r, messages));
      return rule && attempt < (rule.times ?? Number.POSITIVE_INFINITY) ? rule.kind : null;
    },
    reset() {
      seen.clear();
    },
  };
}
