import { ImageResponse } from "next/og";
import { createElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { ogFonts, parseSubsets, subsetsFor } from "./og-fonts";

const CSS = `/* a */
@font-face {
  font-family: 'Noto Sans SC';
  src: url(./files/x-7-400-normal.woff2) format('woff2'), url(./files/x-7-400-normal.woff) format('woff');
  unicode-range: U+4e00-4e0f,U+5b66;
}
@font-face {
  font-family: 'Noto Sans SC';
  src: url(./files/x-latin-400-normal.woff2) format('woff2'), url(./files/x-latin-400-normal.woff) format('woff');
  unicode-range: U+0000-00FF;
}`;

describe("Open Graph fonts", () => {
  it("reads each WOFF file's code points from the stylesheet and picks only the files a text needs", () => {
    const subsets = parseSubsets(CSS);
    expect(subsets).toEqual([
      { file: "x-7-400-normal.woff", ranges: [[0x4e00, 0x4e0f], [0x5b66, 0x5b66]] },
      { file: "x-latin-400-normal.woff", ranges: [[0, 0xff]] },
    ]);
    expect(subsetsFor(subsets, "AB")).toEqual({ files: ["x-latin-400-normal.woff"], missing: [] });
    // 一 (U+4E00) and 学 (U+5B66) are in the first file; 医 (U+533B) in none.
    expect(subsetsFor(subsets, "学A一医")).toEqual({ files: ["x-7-400-normal.woff", "x-latin-400-normal.woff"], missing: ["医"] });
  });

  it("draws Chinese labels with the installed Noto Sans SC subsets, dropping only characters no file covers", async () => {
    const { fonts, keep, family } = ogFonts(["医学问答 CMMLU 61.2%", "\ue000"]);
    // next/og fetches a font from the network for any glyph its fonts lack: that must never happen.
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    expect(fonts.every((f) => new TextDecoder().decode(new Uint8Array(f.data, 0, 4)) === "wOFF")).toBe(true);
    expect(keep("医学问答 \ue000CMMLU")).toBe("医学问答 CMMLU");
    const png = async (text: string) =>
      new Uint8Array(
        await new ImageResponse(createElement("div", { style: { display: "flex", fontSize: 64, fontFamily: family } }, text), { width: 400, height: 100, fonts }).arrayBuffer(),
      );
    const drawn = await png("医学问答");
    expect([...drawn.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    // Glyphs, not blank boxes of one shape: two different words give two different images.
    expect(Buffer.from(drawn).equals(Buffer.from(await png("问答医学 61.2%")))).toBe(false);
    // (It loads its own WASM layout engine from a data: URL; nothing else.)
    expect(fetchSpy.mock.calls.map((call) => String(call[0])).filter((url) => !url.startsWith("data:"))).toEqual([]);
    fetchSpy.mockRestore();
  });
});
