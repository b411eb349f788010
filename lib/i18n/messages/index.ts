import type { Locale } from "../locale";

/** Messages are split per area so each feature keeps its own file; namespaces must not repeat across files. */
const loaders: Record<Locale, () => Promise<Record<string, unknown>[]>> = {
  en: () =>
    Promise.all([
      import("./en/common.json"),
      import("./en/models.json"),
      import("./en/runs.json"),
      import("./en/audit.json"),
      import("./en/accounts.json"),
      import("./en/suite-import.json"),
      import("./en/quality.json"),
      import("./en/share.json"),
      import("./en/studies.json"),
      import("./en/compare.json"),
      import("./en/judges.json"),
      import("./en/reward.json"),
      import("./en/perplexity.json"),
      import("./en/board.json"),
      import("./en/contamination.json"),
      import("./en/series.json"),
      import("./en/browser.json"),
    ]).then((files) => files.map((f) => f.default)),
  "zh-CN": () =>
    Promise.all([
      import("./zh-CN/common.json"),
      import("./zh-CN/models.json"),
      import("./zh-CN/runs.json"),
      import("./zh-CN/audit.json"),
      import("./zh-CN/accounts.json"),
      import("./zh-CN/suite-import.json"),
      import("./zh-CN/quality.json"),
      import("./zh-CN/share.json"),
      import("./zh-CN/studies.json"),
      import("./zh-CN/compare.json"),
      import("./zh-CN/judges.json"),
      import("./zh-CN/reward.json"),
      import("./zh-CN/perplexity.json"),
      import("./zh-CN/board.json"),
      import("./zh-CN/contamination.json"),
      import("./zh-CN/series.json"),
      import("./zh-CN/browser.json"),
    ]).then((files) => files.map((f) => f.default)),
};

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  return Object.assign({}, ...(await loaders[locale]()));
}
