import { describe, expect, it } from "vitest";
import { loadMessages } from "./messages";

function keys(value: unknown, prefix = ""): string[] {
  if (!value || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("has the same keys in Chinese and English", async () => {
    const [en, zh] = await Promise.all([loadMessages("en"), loadMessages("zh-CN")]);
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });
});
