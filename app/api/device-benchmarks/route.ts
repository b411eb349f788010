import { addDeviceBenchmark, listDeviceBenchmarks } from "@/lib/db/queries/browser-runs";
import { route } from "@/lib/http/route";
import { deviceBenchmarkBody } from "@/lib/validation/browser";

export const dynamic = "force-dynamic";

/** Results of "measure this device": in-browser decode speeds collected from users' own GPUs (or WASM). */
export const GET = route({ access: "researcher" }, async ({ db }) => ({ benchmarks: await listDeviceBenchmarks(db) }));

export const POST = route({ access: "researcher", body: deviceBenchmarkBody }, async ({ db, body }) =>
  Response.json({ benchmark: await addDeviceBenchmark(db, body) }, { status: 201 }),
);
