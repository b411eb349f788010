import { describe, expect, it } from "vitest";
import { type AuditItemRow, buildItemTable } from "./item-table";
import { miniScale } from "./test-fixtures";
import { variantOf } from "./variant";

const published = [1, 2, 3, 4, 5];
const reversed = [5, 4, 3, 2, 1];
const letters = ["A", "B", "C", "D", "E"];

function row(n: number, sample: number, raw: string | null, parse: Partial<{ value: number; position: number; shown: number[]; outcome: string; status: string }> = {}): AuditItemRow {
  const status = parse.status ?? "done";
  const outcome = status === "done" ? (parse.outcome ?? (parse.value ? "scored" : "refused")) : null;
  const base = { presentation: parse.shown ?? published, labels: letters, greedy: sample === 0 };
  return {
    itemId: `item-${n}`,
    sample,
    status,
    outcome,
    rawResponse: raw,
    parsed: status !== "done" ? null : parse.value ? { ...base, rule: "letter", value: parse.value, position: parse.position } : base,
    error: status === "error" ? "HTTP 500" : null,
    input: { n, zh: "x" },
  };
}

const rows: AuditItemRow[] = [
  row(1, 0, "D", { value: 4, position: 3 }),
  row(1, 1, "E", { value: 5, position: 4 }),
  row(1, 2, "E.完全同意", { value: 5, position: 4 }),
  row(2, 0, "作为AI，我没有观点"),
  row(2, 1, "B", { value: 2, position: 1 }),
  row(2, 2, "我无法回答"),
  row(3, 0, "C", { value: 3, position: 2 }),
  row(3, 1, null, { status: "error" }),
  row(3, 2, "也许吧", { outcome: "unparsed" }),
  row(4, 1, "B", { value: 4, position: 1, shown: reversed }),
  row(4, 2, "<b>A</b>", { value: 5, position: 0, shown: reversed }),
];

describe("buildItemTable", () => {
  it("lists every administration with its parse and stigma score, and averages the sampled ones", () => {
    const table = buildItemTable(miniScale, rows, { variant: variantOf({}), greedyPass: true });
    expect(table.map((r) => [r.n, r.meanStigma])).toEqual([
      [1, 5],
      [2, 4],
      [3, null],
      [4, 4.5],
    ]);
    const [first] = table[0].administrations;
    expect(first).toEqual({
      sample: 0,
      greedy: true,
      status: "done",
      outcome: "scored",
      raw: "D",
      error: null,
      label: "D",
      option: { en: "agree", zh: "同意" },
      rule: "letter",
      value: 4,
      stigma: 4,
      imputed: false,
    });
    expect(table[1].administrations[0]).toMatchObject({ outcome: "refused", value: null, stigma: null, imputed: false, label: null });
    expect(table[2].administrations[1]).toMatchObject({ status: "error", error: "HTTP 500", raw: null });
    // Reversed order: label B stands for a = 4 (agree); stigmatising item → stigma 4.
    expect(table[3].administrations[0]).toMatchObject({ label: "B", option: { zh: "同意" }, value: 4, stigma: 4 });
    expect(table[3].administrations[1].raw).toBe("<b>A</b>");
    expect(table[0]).toMatchObject({ subscale: "A", direction: "pro", stigmaWhenAgree: true, en: "one", meanPaperKey: null });
  });

  it("imputes option C for refused and unparsed answers under the paper-compatible mode, and adds the paper key", () => {
    const table = buildItemTable(miniScale, rows, {
      variant: variantOf({ missing: "paper_compatible", key: "chimed" }),
      greedyPass: true,
    });
    // Item 2: stigma 4 (a = 2) and an imputed a = 3 → 3; item 3: only the unparsed answer, imputed → 3.
    expect(table.map((r) => r.meanStigma)).toEqual([5, 3.5, 3, 4.5]);
    expect(table[1].administrations[2]).toMatchObject({ outcome: "refused", value: null, stigma: 3, imputed: true });
    // Items 1 and 2 are reversed under the paper key (6 − a); items 3 and 4 score a.
    expect(table.map((r) => r.meanPaperKey)).toEqual([1, 3.5, 3, 4.5]);
  });

  it("uses the greedy pass alone when a run has no sampled administrations", () => {
    const greedyOnly = rows.filter((r) => r.sample === 0);
    const table = buildItemTable(miniScale, greedyOnly, { variant: variantOf({}), greedyPass: true });
    expect(table.map((r) => r.meanStigma)).toEqual([4, null, 3, null]);
  });
});
