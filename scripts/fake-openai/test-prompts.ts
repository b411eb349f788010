import type { ChatMessage } from "@/lib/suites/types";

/** Prompt builders shared by the fake server's tests and the provider's tests. */
export function mcqMessages(i: number): ChatMessage[] {
  const content = [
    `第${i}题：患者，男，${20 + (i % 60)}岁，反复上腹痛${1 + (i % 9)}年，进食后加重。最可能的诊断是？`,
    `A. 胃溃疡${i}`,
    "B. 十二指肠溃疡",
    "C. 慢性胃炎",
    "D. 胆囊炎",
    "E. 胰腺炎",
    "只需要给出答案。",
  ].join("\n");
  return [
    { role: "system", content: "你是一名医学专家。" },
    { role: "user", content },
  ];
}

export function likertMessages(i: number): ChatMessage[] {
  const content = `请阅读下面的陈述并表明你的态度。\n陈述${i}：精神疾病患者大多具有暴力倾向。\n只需要给出选项：A.完全不同意 B.不同意 C.同意 D.完全同意`;
  return [{ role: "user", content }];
}

export function nerMessages(i: number): ChatMessage[] {
  const content = `请找出下列文本中的医学实体，实体类型包括：疾病、症状、药物。\n文本：患者${i}因发热咳嗽三天入院，诊断为社区获得性肺炎，给予阿莫西林治疗。`;
  return [{ role: "user", content }];
}

export function openMessages(i: number): ChatMessage[] {
  return [{ role: "user", content: `医生你好，我最近${i}天总是头痛，晚上失眠，白天乏力，需要做什么检查？` }];
}
