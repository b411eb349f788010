import { afterEach, describe, expect, test } from "vitest";
import { registerWordSegmenter, tokenize, tokenizeChars } from "./tokenize";

describe("tokenizeChars", () => {
  test.each([
    ["我有点头痛", ["我", "有", "点", "头", "痛"]],
    ["CT 显示 3.5cm 肿块", ["CT", "显", "示", "3.5", "cm", "肿", "块"]],
    ["服用 Aspirin，每日2次。", ["服", "用", "Aspirin", "，", "每", "日", "2", "次", "。"]],
    ["COVID-19", ["COVID", "-", "19"]],
    ["体温38.", ["体", "温", "38", "."]],
    ["  \n\t　", []],
    ["血压 120/80mmHg", ["血", "压", "120", "/", "80", "mmHg"]],
  ])("%j", (text, expected) => {
    expect(tokenizeChars(text)).toEqual(expected);
  });

  test("keeps case", () => {
    expect(tokenizeChars("HbA1c")).toEqual(["HbA", "1", "c"]);
  });
});

describe("tokenize", () => {
  afterEach(() => registerWordSegmenter(null));

  test("char is tokenizeChars", () => {
    expect(tokenize("头痛 ok", "char")).toEqual(["头", "痛", "ok"]);
  });

  test("jieba throws until a segmenter is registered", () => {
    expect(() => tokenize("头痛", "jieba")).toThrow("jieba tokeniser not available");
  });

  test("jieba uses the registered segmenter and drops whitespace words", () => {
    registerWordSegmenter((text) => text.split(/(\s+)/));
    expect(tokenize("我 头痛", "jieba")).toEqual(["我", "头痛"]);
  });

  test("an explicit segmenter wins over the registered one", () => {
    registerWordSegmenter(() => ["x"]);
    expect(tokenize("头痛", "jieba", () => ["头痛"])).toEqual(["头痛"]);
  });
});
