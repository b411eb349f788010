import { bareHttpChat } from "@/lib/providers/bare-client";

export interface Measured {
  items: number;
  wallMs: number;
  cpuMs: number;
}

/** Sends every body with `concurrency` requests in flight through the bare node:http client. */
export async function runBare({ url, bodies, concurrency }: { url: string; bodies: unknown[]; concurrency: number }): Promise<Measured> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) await bareHttpChat(url, bodies[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
  return { items: bodies.length, wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu) };
}

export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** Samples the resident set size while something runs; `stop` returns the peak in bytes. */
export function sampleRss(everyMs = 25) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}
