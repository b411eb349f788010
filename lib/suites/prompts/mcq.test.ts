import { describe, expect, test } from "vitest";
import { buildMcqMessages } from "./mcq";
import { DOCTOR_SYSTEM_PROMPT } from "./system";

const item = { question: "人体最大的腺体是", options: { B: "肝脏", A: "胰腺", D: "甲状腺", C: "肾上腺" }, subject: "anatomy" };
const shot = { input: { question: "心脏有几个腔", options: { A: "2", B: "3", C: "4", D: "5" } }, gold: { answer: "C" } };

describe("buildMcqMessages", () => {
  test("renders the paper template with 医学 by default, options in letter order", () => {
    expect(buildMcqMessages(item)).toEqual([
      {
        role: "user",
        content:
          "下面是一道关于医学的单选题，请选择正确的答案选项。\n问题：人体最大的腺体是\n\nA.胰腺\nB.肝脏\nC.肾上腺\nD.甲状腺\n答案：",
      },
    ]);
  });

  test("puts the subject label in the preamble", () => {
    expect(buildMcqMessages(item, { subjectLabel: "解剖学" })[0].content).toBe(
      "下面是一道关于解剖学的单选题，请选择正确的答案选项。\n问题：人体最大的腺体是\n\nA.胰腺\nB.肝脏\nC.肾上腺\nD.甲状腺\n答案：",
    );
  });

  test("plain template drops the preamble", () => {
    expect(buildMcqMessages(item, { template: "plain" })[0].content).toBe(
      "人体最大的腺体是\nA.胰腺\nB.肝脏\nC.肾上腺\nD.甲状腺\n答案：",
    );
  });

  test("k-shot exemplars are earlier turns answered with the letter, after the system prompt", () => {
    expect(buildMcqMessages(item, { shots: [shot], subjectLabel: "解剖学", systemPrompt: DOCTOR_SYSTEM_PROMPT })).toEqual([
      { role: "system", content: "你是一名专业的医生。" },
      {
        role: "user",
        content: "下面是一道关于解剖学的单选题，请选择正确的答案选项。\n问题：心脏有几个腔\n\nA.2\nB.3\nC.4\nD.5\n答案：",
      },
      { role: "assistant", content: "C" },
      {
        role: "user",
        content:
          "下面是一道关于解剖学的单选题，请选择正确的答案选项。\n问题：人体最大的腺体是\n\nA.胰腺\nB.肝脏\nC.肾上腺\nD.甲状腺\n答案：",
      },
    ]);
  });
});
