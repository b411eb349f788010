import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { textFile, thrown } from "../__fixtures__/files";
import { importCmmluCsv } from "./cmmlu";
import { ImportError } from "./errors";

const options = { split: "test", subjectId: "nutrition", subjectLabel: "营养学" } as const;
const real = readFileSync(path.resolve("data/cmmlu-medical/test/nutrition.csv"), "utf8");

describe("importCmmluCsv", () => {
  it("reads a real subject file, including quoted questions with doubled quotes", () => {
    const { items } = importCmmluCsv(textFile("nutrition.csv", real), options);
    expect(items).toHaveLength(145);
    const quoted = items.find((i) => i.externalId === "nutrition/123");
    expect(quoted?.input.question).toContain('强调"常吃奶类、豆类"');
    expect(quoted).toMatchObject({ split: "test", subset: "nutrition", input: { subject: "营养学" }, gold: { answer: "B" } });
  });

  it("prefixes dev ids so they never clash with test ids", () => {
    const { items } = importCmmluCsv(textFile("dev.csv", ",Question,A,B,C,D,Answer\n0,q,a,b,c,d,C\n"), { ...options, split: "dev" });
    expect(items[0]).toMatchObject({ externalId: "nutrition/dev/0", split: "dev" });
  });

  it("rejects the whole file when one row has an unknown answer letter", () => {
    const lines = real.split("\n");
    lines[40] = lines[40].replace(/,[A-D]$/, ",X");
    const error = thrown(() => importCmmluCsv(textFile("nutrition.csv", lines.join("\n")), options)) as ImportError;
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toBe('nutrition.csv line 41: field "answer": answer "X" is not one of the options A–D');
  });
});
