import { describe, expect, it } from "vitest";
import { clip } from "./clip";

describe("clip", () => {
  it("keeps short text, cuts long text with a count or only an ellipsis", () => {
    expect(clip("abc", 3)).toBe("abc");
    expect(clip("abcdef", 4)).toBe("abcd… (2 more characters)");
    expect(clip("abcdef", 4, { note: false })).toBe("abcd…");
  });

  it("never cuts a character outside the basic plane in half", () => {
    // "𠀀" is two UTF-16 units: cutting after 2 units would keep only its high surrogate.
    expect(clip("a𠀀b", 2, { note: false })).toBe("a…");
    expect(clip("医学𠀀", 3)).toBe("医学𠀀".slice(0, 2) + "… (2 more characters)");
  });
});
