import { bootstrapInterval, type Interval } from "./bootstrap";

/**
 * Perplexity of held-out text from prompt log-probabilities. Everything is counted in Unicode code points
 * ("characters"): the unit that stays the same whatever tokenizer a model has, so models compare on it.
 */

/** One window of a document: the code points [start, end) are sent; tokens starting at or after scoreFrom count. */
export interface TextWindow {
  start: number;
  end: number;
  scoreFrom: number;
}

/**
 * Strided windows over a document of `length` characters: each window holds at most `context` characters and
 * scores only the `stride` characters that no earlier window scored, so every scored token (after the first
 * window) has at least context − stride characters of left context.
 */
export function windowPlan(length: number, context: number, stride: number): TextWindow[] {
  if (!(context > 0) || !(stride > 0) || stride > context) throw new Error("need 0 < stride ≤ context");
  const windows: TextWindow[] = [{ start: 0, end: Math.min(length, context), scoreFrom: 0 }];
  while (windows[windows.length - 1].end < length) {
    const scoreFrom = windows[windows.length - 1].end;
    const end = Math.min(length, scoreFrom + stride);
    windows.push({ start: Math.max(0, end - context), end, scoreFrom });
  }
  return windows;
}

/** What a server answered for one window's text: offsets are in characters of that text. */
export interface PromptLogprobs {
  tokens: string[];
  logprobs: (number | null)[];
  offsets: number[];
}

/** Sums over the tokens that were scored: natural-log loss, tokens, and the characters and UTF-8 bytes they cover. */
export interface PerplexityTotals {
  nats: number;
  tokens: number;
  chars: number;
  bytes: number;
}

export const emptyTotals = (): PerplexityTotals => ({ nats: 0, tokens: 0, chars: 0, bytes: 0 });

const utf8Bytes = (chars: readonly string[]) => chars.reduce((n, c) => n + Buffer.byteLength(c, "utf8"), 0);

/**
 * The scored tokens of one window: those that start at or after its scoreFrom and have a log-probability (the
 * first token of a window has none and is not counted). A token covers the characters up to the next token's
 * offset (the last one: to the window's end); those characters are the ones scored.
 */
export function scoreWindow(doc: readonly string[], window: TextWindow, answer: PromptLogprobs): PerplexityTotals {
  const totals = emptyTotals();
  const n = Math.min(answer.logprobs.length, answer.offsets.length);
  for (let i = 0; i < n; i++) {
    const lp = answer.logprobs[i];
    const from = window.start + answer.offsets[i];
    if (lp === null || !Number.isFinite(lp) || from < window.scoreFrom || from >= window.end) continue;
    const to = i + 1 < n ? Math.min(window.end, window.start + answer.offsets[i + 1]) : window.end;
    if (to <= from) continue;
    totals.nats -= lp;
    totals.tokens += 1;
    totals.chars += to - from;
    totals.bytes += utf8Bytes(doc.slice(from, to));
  }
  return totals;
}

export function addTotals(a: PerplexityTotals, b: PerplexityTotals): PerplexityTotals {
  return { nats: a.nats + b.nats, tokens: a.tokens + b.tokens, chars: a.chars + b.chars, bytes: a.bytes + b.bytes };
}

export const bitsOf = (totals: Pick<PerplexityTotals, "nats">) => totals.nats / Math.LN2;

/** The three metrics of pooled totals: bits per character (headline), bits per UTF-8 byte, and per-token perplexity. */
export function perplexityMetrics(t: PerplexityTotals): Record<"bits_per_char" | "bits_per_byte" | "token_perplexity", number> {
  return {
    bits_per_char: bitsOf(t) / t.chars,
    bits_per_byte: bitsOf(t) / t.bytes,
    token_perplexity: Math.exp(t.nats / t.tokens),
  };
}

export const PERPLEXITY_METRICS = ["bits_per_char", "bits_per_byte", "token_perplexity"] as const;

/** Documents' sums as matrix rows (nats, tokens, chars, bytes): pooled metrics are ratios of column sums. */
export const perplexityPlan = {
  width: 4,
  row: (t: PerplexityTotals) => [t.nats, t.tokens, t.chars, t.bytes],
  metrics: (s: Float64Array): Record<string, number> => perplexityMetrics({ nats: s[0], tokens: s[1], chars: s[2], bytes: s[3] }),
};

export interface PerplexityAggregate {
  metrics: Record<string, number>;
  ci: Record<string, Interval>;
  totals: PerplexityTotals;
  documents: number;
}

/** Metrics pooled over documents (total bits over total characters), with 95% intervals resampling documents. */
export function aggregatePerplexity(docs: readonly PerplexityTotals[], { seed, resamples }: { seed?: number; resamples?: number } = {}): PerplexityAggregate {
  const scored = docs.filter((d) => d.tokens > 0 && d.chars > 0);
  const totals = scored.reduce(addTotals, emptyTotals());
  if (scored.length === 0) return { metrics: {}, ci: {}, totals, documents: 0 };
  const metrics = perplexityMetrics(totals);
  const ci: Record<string, Interval> = {};
  for (const name of PERPLEXITY_METRICS) {
    const interval = bootstrapInterval(scored, (sample) => perplexityMetrics(sample.reduce(addTotals, emptyTotals()))[name], { seed, resamples });
    if (interval) ci[name] = interval;
  }
  return { metrics, ci, totals, documents: scored.length };
}

/** A document's totals as the runner stores them in the raw answer (JSON), read back for scoring. */
export function parseDocumentTotals(text: string): (PerplexityTotals & { windows: number }) | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const fields = ["nats", "tokens", "chars", "bytes", "windows"] as const;
  if (!fields.every((f) => typeof v[f] === "number" && Number.isFinite(v[f] as number) && (v[f] as number) >= 0)) return null;
  return { nats: v.nats as number, tokens: v.tokens as number, chars: v.chars as number, bytes: v.bytes as number, windows: v.windows as number };
}
