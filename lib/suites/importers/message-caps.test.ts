import { describe, expect, it } from "vitest";
import { jsonl, textFile } from "../__fixtures__/files";
import { ImportError } from "./errors";
import { previewUserSuite } from "./user-upload";

describe("what import messages echo is bounded", () => {
  it("a CSV with a hundred thousand unknown columns gives a short warning", () => {
    const extra = Array.from({ length: 100_000 }, (_, i) => `column_${i}`);
    const csv = `question,A,B,answer,${extra.join(",")}\n头痛？,是,否,A,${extra.map(() => "x").join(",")}\n`;
    const preview = previewUserSuite({ ...textFile("wide.csv", csv), taskKind: "mcq" });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.warnings).toHaveLength(1);
    expect(preview.warnings[0]).toMatch(/^wide\.csv: ignored unknown field\(s\): column_0, column_1, .* and 99980 more$/);
    expect(preview.warnings[0].length).toBeLessThan(1000);
  });

  it("an error about a huge field name or value stays short", () => {
    const long = "长".repeat(1_000_000);
    const preview = previewUserSuite({ ...jsonl("long.jsonl", [{ question: "q", A: "a", B: "b", answer: long }]), taskKind: "mcq" });
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(preview.error).toBeInstanceOf(ImportError);
    expect(preview.error.message.length).toBeLessThan(1000);
    expect(JSON.stringify(preview.error.issues).length).toBeLessThan(2000);
  });
});
