// Picking the next token from logits: greedy, or seeded temperature / top-p sampling that gives the same draw in
// node and in a browser (mulberry32 and V8's Math.exp).

/** log-softmax of row `row` of a [rows, vocab] logits block, in float64. */
export function logSoftmax(logits: ArrayLike<number>, vocab: number, row = 0): Float64Array {
  const out = new Float64Array(vocab);
  const base = row * vocab;
  let max = -Infinity;
  for (let i = 0; i < vocab; i++) if (logits[base + i] > max) max = logits[base + i];
  let sum = 0;
  for (let i = 0; i < vocab; i++) sum += Math.exp(logits[base + i] - max);
  const logSum = Math.log(sum) + max;
  for (let i = 0; i < vocab; i++) out[i] = logits[base + i] - logSum;
  return out;
}

/** The index of the largest value; the lowest index wins a tie. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The k largest entries, largest first (ties: lower index first). */
export function topK(values: ArrayLike<number>, k: number): number[] {
  const picked: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (picked.length === k && values[i] <= values[picked[k - 1]]) continue;
    let at = picked.length;
    while (at > 0 && values[i] > values[picked[at - 1]]) at--;
    picked.splice(at, 0, i);
    if (picked.length > k) picked.pop();
  }
  return picked;
}

/**
 * Draws a token from log-probabilities at a temperature, keeping the smallest set of most likely tokens whose
 * probability reaches topP (nucleus sampling). `uniform` is a number in [0, 1).
 */
export function sampleToken(logprobs: Float64Array, { temperature, topP }: { temperature: number; topP: number }, uniform: number): number {
  const scaled = new Float64Array(logprobs.length);
  let max = -Infinity;
  for (let i = 0; i < logprobs.length; i++) {
    scaled[i] = logprobs[i] / temperature;
    if (scaled[i] > max) max = scaled[i];
  }
  let sum = 0;
  for (let i = 0; i < scaled.length; i++) sum += scaled[i] = Math.exp(scaled[i] - max);
  // Without a nucleus, no sort (151k-token vocabularies): draw over the ids in order.
  const kept: number[] = topP >= 1 ? Array.from(scaled.keys()) : [];
  if (topP < 1) {
    const order = Array.from(scaled.keys()).sort((a, b) => scaled[b] - scaled[a] || a - b);
    let mass = 0;
    for (const id of order) {
      kept.push(id);
      mass += scaled[id] / sum;
      if (mass >= topP) break;
    }
  }
  let target = uniform * kept.reduce((s, id) => s + scaled[id], 0);
  for (const id of kept) {
    target -= scaled[id];
    if (target < 0) return id;
  }
  return kept[kept.length - 1];
}
