/** Exact match and set overlap for instruction targets; whitespace at the ends and inside runs is not significant. */
const normalise = (s: string) => s.normalize("NFKC").replace(/\s+/g, " ").trim();

export function exactMatch(answer: string, references: readonly string[]): number {
  const a = normalise(answer);
  return references.some((r) => normalise(r) === a) ? 1 : 0;
}

function listOf(text: string, delimiter: string): Set<string> {
  return new Set(
    text
      .split(delimiter)
      .map(normalise)
      .filter((s) => s !== ""),
  );
}

/** Elements of a delimited list compared as sets: [tp, fp, fn] for a micro F1 over the corpus. */
export function listCounts(answer: string, reference: string, delimiter: string): [number, number, number] {
  const got = listOf(answer, delimiter);
  const want = listOf(reference, delimiter);
  let tp = 0;
  for (const item of got) if (want.has(item)) tp++;
  return [tp, got.size - tp, want.size - tp];
}
