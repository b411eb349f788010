import { bareChat, bareHttpChat } from "@/lib/providers/bare-client";

export interface Measured {
  items: number;
  wallMs: number;
  cpuMs: number;
}

/** The two reference clients: keep-alive node:http (what the adapter uses) and fetch (what the issue measured). */
export const bareClients = { http: bareHttpChat, fetch: bareChat } as const;

/** Sends every body with `concurrency` requests in flight through a bare client: send and read, nothing else. */
export async function runBare({
  url,
  bodies,
  concurrency,
  client = "http",
}: {
  url: string;
  bodies: unknown[];
  concurrency: number;
  client?: keyof typeof bareClients;
}): Promise<Measured> {
  const send = bareClients[client];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) await send(url, bodies[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
  return { items: bodies.length, wallMs: performance.now() - started, cpuMs: cpuMsSince(cpu) };
}

export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/**
 * Peak resident set size of this process so far. Read from getrusage rather than sampled: sampling every few
 * milliseconds cost about a millisecond of CPU per item at C=1, which the harness figures then carried.
 */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
