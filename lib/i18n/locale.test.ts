import { describe, expect, it } from "vitest";
import { localized, pickLocale } from "./locale";

describe("pickLocale", () => {
  it("prefers the cookie over the browser language", () => {
    expect(pickLocale({ cookie: "en", acceptLanguage: "zh-CN,zh;q=0.9" })).toBe("en");
  });
  it("ignores an unknown cookie value", () => {
    expect(pickLocale({ cookie: "fr", acceptLanguage: "zh-TW" })).toBe("zh-CN");
  });
  it("ranks by q value, not by position", () => {
    expect(pickLocale({ acceptLanguage: "en;q=0.5, zh-CN;q=0.8" })).toBe("zh-CN");
    expect(pickLocale({ acceptLanguage: "de-DE, en-US;q=0.9, zh;q=0.8" })).toBe("en");
  });
  it("falls back to English", () => {
    expect(pickLocale({ acceptLanguage: "" })).toBe("en");
    expect(pickLocale({ acceptLanguage: "fr-FR" })).toBe("en");
  });
});

describe("localized", () => {
  it("picks the language and falls back to the other", () => {
    expect(localized({ en: "Anatomy", zh: "解剖学" }, "zh-CN")).toBe("解剖学");
    expect(localized({ en: "", zh: "解剖学" }, "en")).toBe("解剖学");
  });
});
