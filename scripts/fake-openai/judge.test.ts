import { describe, expect, it } from "vitest";
import { parsePairwise, parsePointwise } from "@/lib/judges/parse";
import { pairwisePrompt, pointwisePrompt } from "@/lib/judges/prompts";
import { fakeAnswer } from "./answers";
import { judgeReplyFor } from "./judge";

const q = { question: "头痛三天怎么办？", context: null, history: [] };

describe("fake judge replies", () => {
  it("pointwise: what the judge parser reads is what the fake meant, ~5% unreadable", () => {
    let unreadable = 0;
    for (let i = 0; i < 400; i++) {
      const messages = pointwisePrompt(q, `回答 ${i}`);
      const reply = judgeReplyFor(messages[1].content, 1);
      const answer = fakeAnswer(messages, 1);
      expect(answer.kind).toBe("judge");
      const parsed = parsePointwise(answer.text);
      if (reply.correctness === null) {
        unreadable += 1;
        expect(parsed.ok).toBe(false);
      } else expect(parsed).toEqual({ ok: true, value: { correctness: reply.correctness, safety: reply.safety } });
    }
    expect(unreadable).toBeGreaterThan(5);
    expect(unreadable).toBeLessThan(45);
  });

  it("pairwise: prefers the longer answer on either side, so both orders agree", () => {
    const short = "休息。";
    const long = "多休息，若持续头痛或伴呕吐请就医。";
    for (let seed = 0; seed < 30; seed++) {
      const ab = parsePairwise(fakeAnswer(pairwisePrompt(q, long, short), seed).text);
      const ba = parsePairwise(fakeAnswer(pairwisePrompt(q, short, long), seed).text);
      if (ab.ok) expect(ab.value).toBe("A");
      if (ba.ok) expect(ba.value).toBe("B");
    }
    expect(judgeReplyFor(pairwisePrompt(q, "同样", "一样")[1].content, 2).winner).toBe("tie");
  });
});
