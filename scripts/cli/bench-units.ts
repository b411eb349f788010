// `npm run bench -- --units`: speed of the pieces whose unit tests used to carry wall-clock limits. Timings
// belong here, where a slow machine gives a slow figure instead of a failing test.
import { createLimiter } from "@/lib/providers/limiter";
import { aggregateBenchmark, type AggregateItem } from "@/lib/scoring/benchmark-aggregate";
import { scoreBenchmarkItem } from "@/lib/scoring/item-score";
import { loadBundledSuites } from "@/lib/suites/bundled";

/** Median wall time of `rounds` runs of `fn`, in ms. */
async function medianMs(rounds: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

export async function benchUnits(dataDir: string, rounds = 3): Promise<string> {
  const mcq: AggregateItem[] = Array.from({ length: 2000 }, (_, i) => ({
    subset: `s${i % 10}`,
    outcome: "scored",
    scores: { correct: i % 3 === 0 ? 0 : 1 },
  }));
  const answer = "患者应注意休息，多饮水，必要时就医复查。";
  const dialogue: AggregateItem[] = Array.from({ length: 2000 }, (_, i) => ({
    outcome: "scored",
    scores: scoreBenchmarkItem("dialogue", { input: {}, gold: { references: [answer] }, answer: answer.slice(i % 5), config: {} }).scores,
  }));
  const rows: [string, number][] = [
    ["loadBundledSuites (every bundled file, parsed and validated)", await medianMs(rounds, () => loadBundledSuites({ dataDir }))],
    ["aggregateBenchmark mcq, 2,000 items × 1,000 resamples", await medianMs(rounds, () => aggregateBenchmark("mcq", mcq))],
    ["aggregateBenchmark dialogue, 2,000 items × 1,000 resamples", await medianMs(rounds, () => aggregateBenchmark("dialogue", dialogue))],
    [
      "createLimiter(256): 100,000 queued tasks",
      await medianMs(rounds, () => {
        const limiter = createLimiter(256);
        return Promise.all(Array.from({ length: 100_000 }, (_, i) => limiter.run(async () => i)));
      }),
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return [`${"piece".padEnd(width)}  median ms (${rounds} rounds)`, ...rows.map(([name, ms]) => `${name.padEnd(width)}  ${ms.toFixed(1)}`)].join("\n");
}
