export interface NerTypeLabel {
  id: string;
  label: string;
}

export interface ParsedEntity {
  text: string;
  type: string;
}

export interface NerParse {
  entities: ParsedEntity[];
  unparsedLines: number;
}

type LineResult = ParsedEntity[] | { header: string } | "skip" | "unparsed";

const NONE_LINE =
  /^(?:无|暂无|空|没有|没有实体|无实体|无相关实体|没有(?:找到|发现|识别到)?(?:任何)?(?:相关)?实体|未(?:找到|发现|识别出?|识别到)(?:任何)?(?:相关)?实体|不存在(?:任何)?实体|none|n\/a|null)$/i;
const BULLET = /^(?:[-*•·]|\d+[.、)）]|[(（]\d+[)）]|[①-⑳])\s*/;
const PAIRS: Record<string, string> = { "【": "】", "「": "」", "『": "』", "“": "”", '"': '"', "'": "'", "《": "》", "[": "]", "‘": "’" };
const TRAILING_PUNCT = /[。；;，,.、]+$/;

function unwrap(text: string): string {
  let s = text.trim().replace(TRAILING_PUNCT, "").trim();
  while (s.length >= 2 && PAIRS[s[0]] === s[s.length - 1]) s = s.slice(1, -1).trim();
  return s;
}

function typeResolver(types: readonly NerTypeLabel[]): (raw: string) => string | null {
  const byLabel = new Map(types.map((t) => [t.label, t.id]));
  const byId = new Map(types.map((t) => [t.id.toLowerCase(), t.id]));
  return (raw) => {
    const s = unwrap(raw);
    return byLabel.get(s) ?? byId.get(s.toLowerCase()) ?? null;
  };
}

function parseLine(raw: string, resolve: (s: string) => string | null, header: string | null): LineResult {
  const line = raw.trim().replace(BULLET, "").replace(TRAILING_PUNCT, "").trim();
  if (!line || NONE_LINE.test(line) || /^实体\s*[\t:：]?\s*类型$/.test(line)) return "skip";
  const entity = (text: string, typeRaw: string): ParsedEntity[] | null => {
    const type = resolve(typeRaw);
    const t = unwrap(text);
    return type && t ? [{ text: t, type }] : null;
  };
  // Either order: models sometimes write "类型<TAB>实体" despite the prompt.
  const pair = (a: string, b: string) => entity(a, b) ?? entity(b, a);

  const labelled = /^实体\s*[:：]\s*(.+?)[，,;；\s]+类型\s*[:：]\s*(.+)$/.exec(line);
  if (labelled) return entity(labelled[1], labelled[2]) ?? "unparsed";
  const tabs = line.split(/\t+/);
  if (tabs.length >= 2) return pair(tabs[0], tabs[1]) ?? "unparsed";
  const paren = /^(.+?)\s*[（(]([^（）()]+)[）)]$/.exec(line);
  const fromParen = paren && entity(paren[1], paren[2]);
  if (fromParen) return fromParen;
  const colon = /^([^:：]+?)\s*[:：]\s*(.*)$/.exec(line);
  if (colon) {
    const type = resolve(colon[1]);
    if (type && !colon[2]) return { header: type };
    if (type) {
      const items = colon[2].split(/[、，,；;]/).map(unwrap).filter(Boolean);
      // "疾病：无" states that there is no entity of that type; it does not name one called 无.
      const list = items.filter((text) => !NONE_LINE.test(text));
      return list.length ? list.map((text) => ({ text, type })) : items.length ? "skip" : "unparsed";
    }
    const fromColon = entity(colon[1], colon[2]);
    if (fromColon) return fromColon;
  }
  const lastSpace = /^(.+?)\s+(\S+)$/.exec(line);
  const firstSpace = /^(\S+)\s+(.+)$/.exec(line);
  const fromSpace = (lastSpace && entity(lastSpace[1], lastSpace[2])) ?? (firstSpace && entity(firstSpace[2], firstSpace[1]));
  if (fromSpace) return fromSpace;
  // Under a "疾病：" heading, a bare line is an entity of that type.
  if (header && unwrap(line)) return [{ text: unwrap(line), type: header }];
  return "unparsed";
}

function fromJson(value: unknown, resolve: (s: string) => string | null): NerParse | null {
  const list = Array.isArray(value)
    ? value
    : value && typeof value === "object" && Array.isArray((value as { entities?: unknown }).entities)
      ? (value as { entities: unknown[] }).entities
      : null;
  if (!list) return null;
  const entities: ParsedEntity[] = [];
  let unparsedLines = 0;
  for (const el of list) {
    const o = (el ?? {}) as Record<string, unknown>;
    const [text, typeRaw] = Array.isArray(el) ? el : [o.entity ?? o.text ?? o.name ?? o["实体"], o.type ?? o.label ?? o["类型"]];
    const type = typeof typeRaw === "string" ? resolve(typeRaw) : null;
    const t = typeof text === "string" ? unwrap(text) : "";
    if (type && t) entities.push({ text: t, type });
    else unparsedLines++;
  }
  return { entities, unparsedLines };
}

function tryJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = (fenced ? fenced[1] : text).trim();
  if (!/^[[{]/.test(body)) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function dedupe(entities: ParsedEntity[]): ParsedEntity[] {
  const seen = new Set<string>();
  return entities.filter((e) => {
    const key = `${e.type}\u0000${e.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function parseEntities(text: string, types: readonly NerTypeLabel[]): NerParse {
  const resolve = typeResolver(types);
  const json = tryJson(text);
  if (json !== undefined) {
    const parsed = fromJson(json, resolve) ?? { entities: [], unparsedLines: 1 };
    return { entities: dedupe(parsed.entities), unparsedLines: parsed.unparsedLines };
  }
  const entities: ParsedEntity[] = [];
  let unparsedLines = 0;
  let header: string | null = null;
  for (const line of text.replace(/```\w*/g, "").split(/\r?\n/)) {
    const result = parseLine(line, resolve, header);
    if (result === "unparsed") unparsedLines++;
    else if (Array.isArray(result)) entities.push(...result);
    else if (result !== "skip") header = result.header;
  }
  return { entities: dedupe(entities), unparsedLines };
}
