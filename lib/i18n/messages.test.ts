import { describe, expect, it } from "vitest";
import { COMPARABLE_SETTINGS } from "@/lib/tasks/settings-profile";
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

  it("labels every comparable setting the leaderboard marks, in both languages", async () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const setting = ((await loadMessages(locale)) as { board: { setting: Record<string, string> } }).board.setting;
      for (const name of COMPARABLE_SETTINGS) expect(setting[name], `${locale} ${name}`).toBeTruthy();
    }
  });

  it("says in the leaderboard intro that perplexity is in bits, not percent", async () => {
    const intro = async (locale: "en" | "zh-CN") => ((await loadMessages(locale)) as { leaderboard: { intro: string } }).leaderboard.intro;
    expect(await intro("en")).toMatch(/perplexity in bits per character/);
    expect(await intro("zh-CN")).toMatch(/困惑度以每字符比特数表示/);
  });
});
