import type { Measured } from "./bench-bare";
import { formatTable } from "./table";

export interface BenchRow {
  concurrency: number;
  harness: Measured;
  /** The bare keep-alive node:http client. */
  bare: Measured;
  /** The bare fetch client, the reference the issue measured (1,080/s at C=64, 1,740/s at C=256 on this machine). */
  fetchBare: Measured;
  peakRssBytes: number;
}

export interface CachedRerun {
  items: number;
  fromCache: number;
  startMs: number;
  executeMs: number;
}

const TARGET_RATIO = 0.9;
const TARGET_CACHED_MS = 2000;
const TARGET_CPU_MS = 1;

const rate = (m: Measured) => m.items / (m.wallMs / 1000);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatBench(rows: BenchRow[], cached: CachedRerun, { latencyMs }: { latencyMs: number }): string {
  const ideal = (c: number) => c / (latencyMs / 1000);
  const table = formatTable(
    [
      ["C", "items", "harness items/s", "eff", "bare http items/s", "eff", "harness/http", "bare fetch items/s", "harness/fetch", "harness CPU ms/item", "bare http CPU ms/item", "peak RSS MB (so far)"],
      ...rows.map((r) => [
        String(r.concurrency),
        `${r.harness.items}${r.harness.items < 2000 ? "*" : ""}`,
        rate(r.harness).toFixed(1),
        pct(rate(r.harness) / ideal(r.concurrency)),
        rate(r.bare).toFixed(1),
        pct(rate(r.bare) / ideal(r.concurrency)),
        pct(rate(r.harness) / rate(r.bare)),
        rate(r.fetchBare).toFixed(1),
        pct(rate(r.harness) / rate(r.fetchBare)),
        (r.harness.cpuMs / r.harness.items).toFixed(3),
        (r.bare.cpuMs / r.bare.items).toFixed(3),
        (r.peakRssBytes / 2 ** 20).toFixed(0),
      ]),
    ],
    { right: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
  );
  const small = rows.filter((r) => r.harness.items < 2000).map((r) => `C=${r.concurrency}`);
  const note = small.length ? `* ${small.join(", ")}: 200 items (2,000 at ${latencyMs} ms one at a time would take 100 s)\n` : "";
  const cachedMs = cached.startMs + cached.executeMs;
  const cachedLine =
    `cached re-run: ${cached.items} items, ${cached.fromCache} from response_cache, ` +
    `${(cachedMs / 1000).toFixed(2)} s (startRun ${cached.startMs.toFixed(0)} ms + executeRun ${cached.executeMs.toFixed(0)} ms)`;
  const worstRatio = Math.min(...rows.map((r) => rate(r.harness) / rate(r.bare)));
  const worstFetchRatio = Math.min(...rows.map((r) => rate(r.harness) / rate(r.fetchBare)));
  const worstCpu = Math.max(...rows.map((r) => r.harness.cpuMs / r.harness.items));
  const mark = (ok: boolean) => (ok ? "PASS" : "MISS");
  const targets = formatTable([
    ["target", "result", "measured"],
    [`harness >= ${pct(TARGET_RATIO)} of bare node:http client at every C`, mark(worstRatio >= TARGET_RATIO), `worst ${pct(worstRatio)}`],
    [`harness >= ${pct(TARGET_RATIO)} of bare fetch client at every C`, mark(worstFetchRatio >= TARGET_RATIO), `worst ${pct(worstFetchRatio)}`],
    [`cached re-run < ${TARGET_CACHED_MS / 1000} s`, mark(cachedMs < TARGET_CACHED_MS), `${(cachedMs / 1000).toFixed(2)} s`],
    [`harness CPU < ${TARGET_CPU_MS} ms/item at every C`, mark(worstCpu < TARGET_CPU_MS), `worst ${worstCpu.toFixed(3)} ms`],
  ]);
  return `${table}\n${note}eff = items/s / (C / ${latencyMs} ms)\n\n${cachedLine}\n\n${targets}`;
}
