import type { RunSettings } from "@/lib/tasks/settings";

/** Runs measured alike: same suite version and every frozen setting but concurrency, which changes only speed. */
export function settingsKey(run: { suiteVersion: string; settings: RunSettings }): string {
  const { concurrency: _speed, ...measured } = run.settings;
  const sorted = Object.fromEntries(Object.entries(measured).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([run.suiteVersion, sorted]);
}
