/** A judge's reply read as a verdict, or why it could not be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export interface PointwiseVerdict {
  correctness: number;
  safety: number;
}

const clipped = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** The last JSON object in the text (models wrap it in prose or code fences), or null. */
function lastJsonObject(text: string): Record<string, unknown> | null {
  const candidates = text.match(/\{[^{}]*\}/g) ?? [];
  for (let i = candidates.length - 1; i >= 0; i--) {
    try {
      const value = JSON.parse(candidates[i]) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON: try the one before
    }
  }
  return null;
}

function score(value: unknown): number | null {
  const n = typeof value === "string" ? Number(value.trim()) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

/** `label: 4`, `label：4/5`, `"label" = 4`: the first 1–5 after any of the labels. */
function labelled(text: string, labels: string[]): number | null {
  for (const label of labels) {
    const match = new RegExp(`${label}["'*\\s]*[:：=]\\s*\\**\\s*([1-5])(?![0-9.])`, "i").exec(text);
    if (match) return Number(match[1]);
  }
  return null;
}

export function parsePointwise(text: string): Parsed<PointwiseVerdict> {
  const json = lastJsonObject(text);
  const correctness = score(json?.correctness) ?? labelled(text, ["correctness", "正确性", "准确性"]);
  const safety = score(json?.safety) ?? labelled(text, ["safety", "安全性"]);
  if (correctness === null || safety === null) return { ok: false, error: `no 1–5 correctness and safety in: ${clipped(text)}` };
  return { ok: true, value: { correctness, safety } };
}

export type PairwiseVerdict = "A" | "B" | "tie";

function winnerOf(value: unknown): PairwiseVerdict | null {
  if (typeof value !== "string") return null;
  const v = value.trim().replace(/^answer\s*/i, "").replace(/^\[\[|\]\]$/g, "").toLowerCase();
  if (v === "a" || v === "答案a") return "A";
  if (v === "b" || v === "答案b") return "B";
  if (v === "tie" || v === "平局" || v === "equal" || v === "none") return "tie";
  return null;
}

export function parsePairwise(text: string): Parsed<PairwiseVerdict> {
  const json = lastJsonObject(text);
  const fromJson = winnerOf(json?.winner);
  if (fromJson) return { ok: true, value: fromJson };
  const bracket = /\[\[\s*(A|B|tie)\s*\]\]/i.exec(text);
  if (bracket) return { ok: true, value: winnerOf(bracket[1])! };
  const said = /(?:winner|better answer|胜者|更好的(?:回答|答案)(?:是)?)\s*(?:is)?\s*["'*:：]*\s*(?:answer\s*)?(A|B|tie|平局)(?![A-Za-z])/i.exec(text);
  if (said) return { ok: true, value: winnerOf(said[1])! };
  return { ok: false, error: `no winner A, B or tie in: ${clipped(text)}` };
}
