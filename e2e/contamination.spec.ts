import { expect, test } from "@playwright/test";

// The first two test items of cmmlu-medical (stem and options) sit in this corpus, the second one hard-wrapped.
const corpus = "讲义节选：女性生殖腺是\nA. 卵巢\nB. 前庭大腺\n另有：直接和语言活动有关的\n中枢\nA. 额中回后分\nB. 顶上小叶缘上回\n";

test.describe("contamination and training export", () => {
  test("indexes a corpus through the API, then shows the matching items on the suite page in en and zh-CN", async ({ browser, request }) => {
    const created = await request.post("/api/contamination?name=e2e-notes&n=13&format=text", {
      headers: { "content-type": "text/plain; charset=utf-8" },
      data: corpus,
    });
    expect(created.status()).toBe(202);
    const { index } = await created.json();
    expect(index.status).toBe("building");
    // Built on the server's worker thread (the production build's): poll as the UI does.
    await expect
      .poll(async () => (await (await request.get(`/api/contamination/${index.id}`)).json()).index.status)
      .toBe("ready");
    for (const [locale, shares, heading] of [
      ["en-US", "Question or question + answer shares a 13-gram", "Contamination"],
      ["zh-CN", "题干或题干加答案含相同的 13 字符片段", "数据污染"],
    ] as const) {
      const context = await browser.newContext({ locale, extraHTTPHeaders: { "accept-language": locale } });
      const page = await context.newPage();
      await page.goto("/suites/cmmlu-medical");
      const panel = page.getByTestId("contamination");
      await expect(panel.getByRole("heading", { name: heading })).toBeVisible();
      await expect(panel.getByTestId("contamination-shares")).toContainText(shares);
      const matches = panel.getByTestId("contamination-matches");
      await expect(matches).toContainText("女性生殖腺是a.卵巢b.前庭大腺");
      await expect(matches).toContainText("直接和语言活动有关的中枢a.额中回后分b.顶上小叶缘上回");
      await context.close();
    }
  });

  test("shows a corrupt corpus as failed in the reader's language, naming the line, and deletes it from the suite page", async ({ browser, page, request }) => {
    const created = await request.post("/api/contamination?name=e2e-broken&format=jsonl", {
      headers: { "content-type": "application/octet-stream" },
      data: `${JSON.stringify({ text: "第一篇" })}\n{"body": 1}\n`,
    });
    expect(created.status()).toBe(202);
    const { index } = await created.json();
    const zh = await browser.newContext({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN" } });
    const zhPage = await zh.newPage();
    await zhPage.goto("/suites/cmmlu-medical");
    await zhPage.getByTestId("contamination").getByRole("combobox", { name: "语料" }).selectOption(index.id);
    await expect(zhPage.getByTestId("contamination").getByRole("alert")).toContainText('e2e-broken 建立索引失败：语料被拒绝（line 2: no string field "text"）');
    await zh.close();
    await page.goto("/suites/cmmlu-medical");
    const panel = page.getByTestId("contamination");
    await panel.getByRole("combobox", { name: "Corpus" }).selectOption(index.id);
    await expect(panel.getByRole("alert")).toContainText('Indexing e2e-broken failed: the corpus was refused (line 2: no string field "text").');
    page.once("dialog", (dialog) => dialog.accept());
    await panel.getByRole("button", { name: "Delete this index" }).click();
    await expect(panel.getByRole("combobox", { name: "Corpus" }).locator(`option[value="${index.id}"]`)).toHaveCount(0);
    expect((await request.get(`/api/contamination/${index.id}`)).status()).toBe(404);
  });

  test("downloads a suite as LLaMA-Factory data with its dataset_info entry", async ({ request }) => {
    const data = await request.get("/api/suites/cmmlu-medical/training-export?format=llamafactory&split=test");
    expect(data.headers()["content-disposition"]).toBe('attachment; filename="cmmlu-medical.jsonl"');
    const first = JSON.parse((await data.text()).split("\n")[0]);
    expect(first).toEqual({ instruction: "女性生殖腺是\nA. 卵巢\nB. 前庭大腺\nC. 前庭球\nD. 乳腺", input: "", output: "A. 卵巢" });
    const info = await request.get("/api/suites/cmmlu-medical/training-export?format=llamafactory&part=dataset_info");
    expect((await info.json())["cmmlu-medical"].file_name).toBe("cmmlu-medical.jsonl");
  });
});
