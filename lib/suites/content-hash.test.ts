import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "./content-hash";
import type { SuiteDefinition } from "./types";

const suite: SuiteDefinition = {
  id: "s",
  name: { en: "S", zh: "S" },
  taskKind: "mcq",
  licence: "x",
  source: "y",
  config: { b: 1, a: { d: [1, 2], c: "z" } },
  items: [{ externalId: "0", split: "test", input: { question: "q", options: { A: "a", B: "b" } }, gold: { answer: "A" } }],
};

describe("contentHash", () => {
  it("sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { y: 1, x: 0 }] } })).toBe('{"a":{"c":[2,{"x":0,"y":1}]},"b":1}');
  });

  it("is a sha256 hex digest independent of key order and metadata", () => {
    const hash = contentHash(suite);
    // sha256 of {"config":{"a":{"c":"z","d":[1,2]},"b":1},"items":[…],"taskKind":"mcq"}, computed with Python's
    // json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) and hashlib.
    expect(hash).toBe("18ce9153f2b330b3580b54cbc5b5ce5f5d28d7eca85baacf1526933c110e13aa");
    const reordered = { ...suite, name: { en: "Other", zh: "其他" }, config: { a: { c: "z", d: [1, 2] }, b: 1 } };
    expect(contentHash(reordered)).toBe(hash);
  });

  it("changes when an item, the item order or the config changes", () => {
    const hash = contentHash(suite);
    const item = { ...suite.items[0], gold: { answer: "B" } };
    expect(contentHash({ ...suite, items: [item] })).not.toBe(hash);
    expect(contentHash({ ...suite, config: { ...suite.config, b: 2 } })).not.toBe(hash);
    const two = [suite.items[0], { ...suite.items[0], externalId: "1" }];
    expect(contentHash({ ...suite, items: two })).not.toBe(contentHash({ ...suite, items: [...two].reverse() }));
  });
});
