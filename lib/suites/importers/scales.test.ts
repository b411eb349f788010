import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { textFile, thrown } from "../__fixtures__/files";
import { ImportError } from "./errors";
import { importScales } from "./scales";

const scalesJson = JSON.parse(readFileSync(path.resolve("data/scales/scales.json"), "utf8"));

describe("importScales", () => {
  it("turns each scale into items plus a config without items", () => {
    const [cami, mica] = importScales(textFile("scales.json", JSON.stringify(scalesJson)));
    expect([cami.id, cami.items.length, mica.id, mica.items.length]).toEqual(["cami", 40, "mica4", 16]);
    expect(cami.items[2]).toEqual({
      externalId: "3",
      split: "test",
      subset: "SR",
      input: { n: 3, zh: "精神病患者应该与社区其他成员隔离开来。", en: "The mentally ill should be isolated from the rest of the community", subscale: "SR", statementDirection: "pro" },
      gold: { stigmaWhenAgree: true },
    });
    expect(Object.keys(cami.config).sort()).toEqual(
      ["chimedPrompt", "chimedScoringKey", "citation", "id", "licence", "name", "options", "points", "subscales"].sort(),
    );
    expect(mica.config.range).toEqual({ min: 16, max: 96, note: expect.any(String) });
  });

  it("names the field of a bad item", () => {
    const broken = structuredClone(scalesJson);
    broken.scales[1].items[4].stigmaWhenAgree = "yes";
    const error = thrown(() => importScales(textFile("scales.json", JSON.stringify(broken)))) as ImportError;
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toBe('scales.json: field "scales[1].items[4].stigmaWhenAgree": expected boolean, found string');
  });
});
