import { pick, seededRng } from "./text-utils";

export interface FakeEntity {
  text: string;
  type: string;
}

const TYPE_LIST = /(?:实体类型|实体类别|类型|类别|types?)(?:包括|有|为|是|include)?\s*[:：]?\s*([^\n。]+)/i;
const SOURCE = /(?:文本|句子|输入|原文|text)\s*[:：]\s*(.+)/gi;
const KNOWN_TYPES = ["疾病", "症状", "药物", "检查", "手术", "部位", "科室", "医疗设备", "微生物"];
const CJK_RUN = /[\u4e00-\u9fff]{2,}/g;

export function isNerPrompt(content: string): boolean {
  return content.includes("实体");
}

export function nerTypeLabels(content: string): string[] {
  const listed = TYPE_LIST.exec(content)?.[1]
    .split(/[、，,/;；\s]+/)
    .map((t) => t.replace(/^["'“‘「【\[（(]+|["'”’」】\]）)]+$/g, ""))
    .filter((t) => t.length > 0 && t.length <= 12 && !t.includes("实体"));
  if (listed && listed.length > 0) return listed;
  const known = KNOWN_TYPES.filter((t) => content.includes(t));
  return known.length > 0 ? known : ["疾病"];
}

function sourceText(content: string): string {
  const marked = [...content.matchAll(SOURCE)].at(-1)?.[1];
  if (marked) return marked;
  const lines = content.split("\n").filter((l) => !l.includes("实体"));
  const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), "");
  return longest || content.slice(Math.max(content.lastIndexOf("："), content.lastIndexOf(":")) + 1);
}

export function nerEntitiesFor(content: string, seed: number): FakeEntity[] {
  const rng = seededRng(seed, content, "ner");
  const types = nerTypeLabels(content);
  const runs = sourceText(content).match(CJK_RUN) ?? [];
  if (runs.length === 0) return [];
  const count = 1 + Math.floor(rng() * 3);
  const entities: FakeEntity[] = [];
  for (let i = 0; i < count; i++) {
    const run = pick(rng, runs);
    const len = Math.min(run.length, 2 + Math.floor(rng() * 3));
    const start = Math.floor(rng() * (run.length - len + 1));
    const entity = { text: run.slice(start, start + len), type: pick(rng, types) };
    if (!entities.some((e) => e.text === entity.text)) entities.push(entity);
  }
  return entities;
}

export function formatEntities(entities: readonly FakeEntity[]): string {
  return entities.length > 0 ? entities.map((e) => `${e.text}\t${e.type}`).join("\n") : "无";
}
