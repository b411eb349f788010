import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScalesFile } from "@/lib/suites/scales";
import type { SuiteContext } from "./context";
import { scaleTask } from "./scale";
import { resolveSettings } from "./settings";
import type { FinishedRow, PreparedPrompt } from "./types";

const [cami] = parseScalesFile(JSON.parse(readFileSync("data/scales/scales.json", "utf8")));

const context = (answerMode: "text" | "logprobs"): SuiteContext => ({
  suiteId: "cami",
  kind: "scale",
  settings: resolveSettings("scale", { answerMode, order: "shuffled", labels: "letters", seed: 9, samples: 2, greedyPass: false }),
  items: new Map(),
  shots: new Map(),
  subjectLabels: {},
  nerTypes: [],
  scale: cami,
  majorityLetter: null,
});

const item = (n: number) => {
  const input = cami.items.find((i) => i.n === n)!;
  return { id: `cami-${n}`, externalId: String(n), subset: input.subscale ?? null, input: { ...input }, gold: {} };
};

function prepared(ctx: SuiteContext, n: number, sample: number): PreparedPrompt {
  const prompt = scaleTask.prompt(ctx, item(n), sample);
  if ("error" in prompt) throw new Error(prompt.error);
  return { ...prompt, params: {} };
}

describe("the scale task in logprob mode", () => {
  it("records the shown position of the most probable option, as a text answer does", () => {
    const ctx = context("logprobs");
    const p = prepared(ctx, 1, 0);
    const { labels, values } = p.presentation!;
    // All the mass on the label shown third: value and position both come from that option.
    const scored = scaleTask.score(ctx, item(1), 0, p, { text: "", topLogprobs: [{ token: labels[2], logprob: Math.log(0.8) }] });
    expect(scored.outcome).toBe("scored");
    expect(scored.parsed).toMatchObject({ rule: "logprob", value: values[2], position: 2 });
    const text = scaleTask.score(context("text"), item(1), 0, p, { text: labels[2] });
    expect((text.parsed as { position: number }).position).toBe(2);
  });

  it("measures the same-option share by shown position for logprob answers", () => {
    // Every item, two shuffled administrations, always the option shown first: positions all 0 (share 1), while
    // the values follow the shuffles. Before positions were stored, values (1..5) stood in for positions here.
    const ctx = context("logprobs");
    const rows: FinishedRow[] = [];
    for (const sample of [0, 1]) {
      for (const { n } of cami.items) {
        const p = prepared(ctx, n, sample);
        const scored = scaleTask.score(ctx, item(n), sample, p, { text: "", topLogprobs: [{ token: p.presentation!.labels[0], logprob: 0 }] });
        rows.push({ sample, outcome: scored.outcome, parsed: scored.parsed, scores: scored.scores, subset: null, itemN: n });
      }
    }
    const { metrics } = scaleTask.aggregate(ctx, rows);
    expect(metrics.same_option_share).toBe(1);
    expect(metrics.order_effect).toBeGreaterThan(0);
  });
});
