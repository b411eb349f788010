import { parseArgs } from "node:util";
import type { FaultKind } from "./faults";
import type { HostileKind } from "./hostile";
import { startFakeOpenAI } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    latency: { type: "string", default: "0" },
    jitter: { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    faults: { type: "string", default: "0" },
    "fault-kinds": { type: "string" },
    "fault-only-first": { type: "string" },
    "retry-after": { type: "string" },
    models: { type: "string" },
    "api-key": { type: "string" },
    hostile: { type: "string" },
    "hostile-kinds": { type: "string" },
    "huge-mb": { type: "string" },
  },
});

const number = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${value}"`);
  return n;
};

const rate = number("faults", values.faults) ?? 0;
const server = await startFakeOpenAI({
  port: number("port", values.port),
  host: values.host,
  latencyMs: number("latency", values.latency),
  jitterMs: number("jitter", values.jitter),
  seed: number("seed", values.seed),
  models: values.models?.split(",").filter(Boolean),
  apiKey: values["api-key"],
  faults: values["fault-kinds"] ? { rate, kinds: values["fault-kinds"].split(",") as FaultKind[] } : rate,
  faultOnlyFirstAttempts: number("fault-only-first", values["fault-only-first"]),
  retryAfterSeconds: number("retry-after", values["retry-after"]),
  hostile: values.hostile
    ? {
        rate: number("hostile", values.hostile)!,
        kinds: values["hostile-kinds"]?.split(",").filter(Boolean) as HostileKind[] | undefined,
        hugeBytes: values["huge-mb"] === undefined ? undefined : number("huge-mb", values["huge-mb"])! * 1024 * 1024,
      }
    : undefined,
});
console.log(server.url);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
