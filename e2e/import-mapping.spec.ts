import { type Page, expect, test } from "@playwright/test";

const suffix = () => Math.random().toString(36).slice(2, 8);
const jsonl = (rows: object[]) => Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n");

// CMeEE as CBLUE ships it: end_idx is the mention's last character (inclusive).
const cmeeeRows = [
  { text: "患者头痛三天，服用布洛芬后好转。", entities: [{ start_idx: 2, end_idx: 3, type: "sym", entity: "头痛" }, { start_idx: 9, end_idx: 11, type: "dru", entity: "布洛芬" }] },
  { text: "胸部CT未见异常。", entities: [{ start_idx: 0, end_idx: 1, type: "bod", entity: "胸部" }, { start_idx: 2, end_idx: 3, type: "ite", entity: "CT" }] },
];

const languages = [
  {
    locale: "en-US",
    accept: "en-US,en;q=0.9",
    l: {
      file: "File", id: "Suite id", name: "Name", preview: "Preview", import: "Import", task: "Task",
      preset: "Use CBLUE CMeEE (entity, start_idx, end_idx)", typeNames: "Entity type names", question: "Question",
      del: "Delete suite", detected: "matches this file", inclusive: /last character/,
    },
  },
  {
    locale: "zh-CN",
    accept: "zh-CN,zh;q=0.9",
    l: {
      file: "文件", id: "测试集 ID", name: "名称", preview: "预览", import: "导入", task: "任务",
      preset: "使用 CBLUE CMeEE（entity、start_idx、end_idx）", typeNames: "实体类型名称", question: "问题",
      del: "删除测试集", detected: "与本文件一致", inclusive: /最后一个字符/,
    },
  },
] as const;

// A label that wraps a select also holds its options' text, so labels are matched by their start.
async function labelled(page: Page, text: string) {
  return page.getByLabel(new RegExp(`^${text}`));
}

for (const { locale, accept, l } of languages) {
  test.describe(`field-mapping import (${locale})`, () => {
    test.use({ locale, extraHTTPHeaders: { "accept-language": accept } });

    test("imports a CMeEE-shaped file with inclusive ends through its preset and names the types", async ({ page, request }) => {
      const id = `e2e-cmeee-${suffix()}`;
      await page.goto("/suites/import");
      await (await labelled(page, l.file)).setInputFiles({ name: "CMeEE_dev.json", mimeType: "application/json", buffer: jsonl(cmeeeRows) });
      // The preset is offered and applied: kind NER, inclusive ends detected from the data.
      await expect(page.getByRole("button", { name: l.preset })).toHaveAttribute("aria-pressed", "true");
      await expect(await labelled(page, l.task)).toHaveValue("ner");
      const mapping = page.getByTestId("field-mapping");
      await expect(mapping.getByTestId("map-entity-start")).toHaveValue("start_idx");
      await expect(mapping.getByRole("radio", { name: l.inclusive })).toBeChecked();
      await expect(mapping.getByText(l.detected)).toBeVisible();

      await (await labelled(page, l.id)).fill(id);
      await (await labelled(page, l.name)).fill(`CMeEE ${id}`);
      await page.getByRole("button", { name: l.preview, exact: true }).click();
      await expect(page.getByTestId("preview-total")).toContainText("2");
      const types = page.getByTestId("entity-type-labels");
      await expect(types.getByLabel("sym", { exact: true })).toHaveValue("症状");
      await expect(types.getByLabel("ite", { exact: true })).toHaveValue("医学检验项目");
      await page.getByRole("button", { name: l.import, exact: true }).click();
      await expect(page.getByTestId("import-done")).toBeVisible();

      const items = await (await request.get(`/api/suites/${id}/items`)).json();
      expect(items.items.map((i: { gold: unknown }) => i.gold)).toEqual([
        { entities: [{ text: "头痛", type: "sym", offset: 2 }, { text: "布洛芬", type: "dru", offset: 9 }] },
        { entities: [{ text: "胸部", type: "bod", offset: 0 }, { text: "CT", type: "ite", offset: 2 }] },
      ]);
    });

    test("maps a CSV's ask/answer columns, remembers the mapping, and deletes the suite", async ({ page, request }) => {
      const id = `e2e-ask-${suffix()}`;
      const csv = Buffer.from("department,title,ask,answer\n内科,头痛,头痛三天怎么办？,建议休息并就医。\n外科,骨折,骨折后多久能走路？,一般需要六到八周。\n");
      await page.goto("/suites/import");
      await (await labelled(page, l.file)).setInputFiles({ name: "dialog.csv", mimeType: "text/csv", buffer: csv });
      await (await labelled(page, l.task)).selectOption("open_qa");
      const mapping = page.getByTestId("field-mapping");
      await mapping.getByTestId("map-question").selectOption("ask");
      await mapping.getByTestId("map-answer").selectOption("answer");
      await (await labelled(page, l.id)).fill(id);
      await (await labelled(page, l.name)).fill(`Ask ${id}`);
      await page.getByRole("button", { name: l.preview, exact: true }).click();
      await expect(page.getByTestId("import-preview")).toContainText("头痛三天怎么办？");
      await page.getByRole("button", { name: l.import, exact: true }).click();
      await expect(page.getByTestId("import-done")).toBeVisible();

      // The same file shape again: the mapping comes back by itself.
      await page.goto("/suites/import");
      await (await labelled(page, l.file)).setInputFiles({ name: "dialog2.csv", mimeType: "text/csv", buffer: csv });
      await expect(page.getByTestId("field-mapping").getByTestId("map-question")).toHaveValue("ask");
      await expect(await labelled(page, l.task)).toHaveValue("open_qa");
      // The id is checked before the import button is enabled.
      await (await labelled(page, l.id)).fill(id);
      await (await labelled(page, l.name)).fill("again");
      await page.getByRole("button", { name: l.preview, exact: true }).click();
      await expect(page.getByTestId("id-check")).toContainText(id);
      await expect(page.getByRole("button", { name: l.import, exact: true })).toBeDisabled();

      await page.goto(`/suites/${id}`);
      page.once("dialog", (dialog) => dialog.accept());
      await page.getByRole("button", { name: l.del }).click();
      await expect(page).toHaveURL(/\/suites$/);
      expect((await request.get(`/api/suites/${id}/items`)).status()).toBe(404);
    });
  });
}
