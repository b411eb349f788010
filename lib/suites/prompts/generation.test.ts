import { describe, expect, test } from "vitest";
import { buildDialogueMessages, buildOpenQaMessages } from "./generation";

describe("buildOpenQaMessages", () => {
  test("question alone, or context then question, in one user turn", () => {
    expect(buildOpenQaMessages({ question: "头痛怎么办？" })).toEqual([{ role: "user", content: "头痛怎么办？" }]);
    expect(buildOpenQaMessages({ question: "诊断是什么？", context: "患者男，45岁。" }, { systemPrompt: "你是一名专业的医生。" })).toEqual([
      { role: "system", content: "你是一名专业的医生。" },
      { role: "user", content: "患者男，45岁。\n\n诊断是什么？" },
    ]);
  });
});

describe("buildDialogueMessages", () => {
  test("keeps alternating turns, ending with the patient", () => {
    const history = [
      { role: "user" as const, content: "医生，我头痛" },
      { role: "assistant" as const, content: "多久了？" },
      { role: "user" as const, content: "三天" },
    ];
    expect(buildDialogueMessages({ history })).toEqual(history);
  });

  test("joins consecutive same-role turns and hoists system turns after the system prompt", () => {
    const history = [
      { role: "system" as const, content: "请简洁回答。" },
      { role: "user" as const, content: "医生，我头痛" },
      { role: "user" as const, content: "还发烧" },
    ];
    expect(buildDialogueMessages({ history }, { systemPrompt: "你是一名专业的医生。" })).toEqual([
      { role: "system", content: "你是一名专业的医生。\n请简洁回答。" },
      { role: "user", content: "医生，我头痛\n还发烧" },
    ]);
  });

  test("does not mutate the input", () => {
    const history = [
      { role: "user" as const, content: "a" },
      { role: "user" as const, content: "b" },
    ];
    buildDialogueMessages({ history });
    expect(history[0].content).toBe("a");
  });

  test("refuses a history that ends with the doctor", () => {
    expect(() => buildDialogueMessages({ history: [{ role: "assistant", content: "你好" }] })).toThrow(/user turn/);
  });
});
