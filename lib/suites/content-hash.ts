import { createHash } from "node:crypto";
import type { SuiteDefinition } from "./types";

/** JSON with object keys sorted at every level; undefined members are dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("cannot hash a non-finite number");
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * Suite version: sha256 over what scoring depends on (task kind, config, items in order). Names,
 * descriptions and licence text can change without creating a new version.
 */
export function contentHash(suite: Pick<SuiteDefinition, "taskKind" | "config" | "items">): string {
  const payload = canonicalJson({ taskKind: suite.taskKind, config: suite.config, items: suite.items });
  return createHash("sha256").update(payload, "utf8").digest("hex");
}
