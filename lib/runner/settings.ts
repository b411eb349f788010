import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/suites/content-hash";
import type { RunSettings } from "@/lib/tasks/settings";

export { type RunSettingsInput, runSettingsInput } from "@/lib/validation/run-settings";
export { type RunSettings, resolveSettings, runSettingsSchema } from "@/lib/tasks/settings";
export { isGreedySample, samplesPerItem } from "@/lib/tasks/samples";

export function configHash(parts: { suiteVersion: string; endpoint: string | null; modelId: string | null; settings: RunSettings }) {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}
