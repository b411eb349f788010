import { describe, expect, it } from "vitest";
import { leaderboardCsv } from "./export";
import { defaultFilters, filtersToQuery, parseLeaderboardFilters } from "./filters";
import { buildLeaderboardView, type CellInput, withoutInternalIds } from "./view";

const cell = (over: Partial<CellInput>): CellInput => ({
  runId: "run-a",
  modelId: "model-a",
  modelName: "A",
  provider: "openai",
  suiteId: "cmmlu-medical",
  suiteName: { en: "CMMLU medical", zh: "CMMLU 医学" },
  taskKind: "mcq",
  suiteVersion: "v1",
  currentVersion: true,
  profile: "0|paper|text|char|stigma",
  fingerprint: "f",
  metrics: { accuracy: 0.5 },
  ci: { accuracy: [0.25, 0.75] },
  itemsRun: 100,
  suiteItems: 100,
  done: 100,
  errors: 0,
  finishedAt: null,
  runsInCell: 1,
  pinned: false,
  ...over,
});

const view = (cells: CellInput[], query: Record<string, string> = {}) =>
  buildLeaderboardView({
    cells,
    reported: [{ model: "GPT-4", benchmark: "CMMLU (medical)", task: "mcq", metric: "accuracy", value: 69.55, source: "paper, 2023" }],
    suites: [],
    filters: parseLeaderboardFilters(query),
    locale: "zh-CN",
  });

const cells = [
    cell({}),
    cell({ runId: "run-b", modelId: "model-b", modelName: "B", metrics: { accuracy: 0.8 }, itemsRun: 30, suiteItems: 100 }),
  cell({ runId: "run-c", modelId: "model-c", modelName: "C", metrics: { accuracy: 0.6 }, profile: "5|paper|logprobs|char|stigma" }),
];

describe("buildLeaderboardView", () => {
  it("lists perplexity in bits (not percent), lowest bits per character first", () => {
    const ppl = (runId: string, modelName: string, bpc: number) =>
      cell({ runId, modelId: runId, modelName, suiteId: "medical-text-ppl", taskKind: "perplexity", metrics: { bits_per_char: bpc, bits_per_byte: bpc / 3, token_perplexity: 9 }, ci: { bits_per_char: [bpc - 0.1, bpc + 0.1] } });
    const section = view([ppl("r1", "worse", 2.5), ppl("r2", "better", 1.75)]).sections.find((s) => s.task === "perplexity")!;
    expect(section.columns.map((c) => c.metric)).toEqual(["bits_per_char", "bits_per_byte", "token_perplexity"]);
    expect(section.sort).toEqual({ key: "medical-text-ppl::bits_per_char", dir: "asc" });
    expect(section.rows.map((r) => r.model)).toEqual(["better", "worse"]);
    expect(section.rows[0].cells["medical-text-ppl::bits_per_char"]).toMatchObject({ value: 1.75, ci: [1.65, 1.85] });
  });

  it("puts measured columns first, names suites in the reader's language and keeps reported rows' source", () => {
    const [section] = view(cells).sections;
    expect(section.columns.map((c) => [c.key, c.benchmark, c.origin])).toEqual([
      ["cmmlu-medical::accuracy", "CMMLU 医学", "measured"],
      ["reported:CMMLU (medical)::accuracy", "CMMLU (medical)", "reported"],
    ]);
    expect(section.rows.find((r) => r.origin === "reported")).toMatchObject({ model: "GPT-4", source: "paper, 2023", modelId: null });
  });

  it("sorts by the first column, descending, with the partial run after every ranked row", () => {
    const [section] = view(cells).sections;
    expect(section.sort).toEqual({ key: "cmmlu-medical::accuracy", dir: "desc" });
    expect(section.rows.map((r) => [r.model, r.ranked])).toEqual([
      ["C", true],
      ["A", true],
      ["GPT-4", true],
      ["B", false],
    ]);
    expect(section.rows[0].differs).toEqual(["shots", "answerMode"]);
  });

  it("sorts by any column either way; rows without a number stay last", () => {
    const asc = view(cells, { sort: "cmmlu-medical::accuracy", dir: "asc" }).sections[0];
    expect(asc.rows.map((r) => r.model)).toEqual(["A", "C", "GPT-4", "B"]);
    const reported = view(cells, { sort: "reported:CMMLU (medical)::accuracy", dir: "desc" }).sections[0];
    expect(reported.rows[0].model).toBe("GPT-4");
    const byName = view(cells, { sort: "model", dir: "desc" }).sections[0];
    expect(byName.rows.map((r) => r.model)).toEqual(["GPT-4", "C", "A", "B"]);
    // An unknown column falls back to the default order instead of failing.
    expect(view(cells, { sort: "nope::x" }).sections[0].sort.key).toBe("cmmlu-medical::accuracy");
  });

  it("gives intervals and n in percent beside each measured number", () => {
    const row = view(cells).sections[0].rows.find((r) => r.model === "A")!;
    expect(row.cells["cmmlu-medical::accuracy"]).toMatchObject({ value: 50, ci: [25, 75], n: 100, runId: "run-a" });
  });
});

describe("leaderboard filters in the URL", () => {
  it("round-trip, leave defaults out and ignore bad values", () => {
    const filters = parseLeaderboardFilters({ task: "ner", fill: "best", origin: "nonsense", dir: ["asc", "desc"] });
    expect(filters).toMatchObject({ task: "ner", fill: "best", origin: "all", dir: "asc" });
    expect(filtersToQuery(filters)).toBe("task=ner&fill=best&dir=asc");
    expect(parseLeaderboardFilters(new URLSearchParams(filtersToQuery(filters)))).toEqual(filters);
    expect(filtersToQuery(defaultFilters)).toBe("");
  });
});

describe("leaderboard CSV", () => {
  it("has one line per number with its interval, n, marks and the fill rule, with a BOM", async () => {
    const lines: string[] = [];
    for await (const line of leaderboardCsv(view(cells.slice(0, 2), { fill: "best" }))) lines.push(line);
    expect(lines[0].startsWith("\uFEFFtask,model,origin,source,shots,")).toBe(true);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("mcq,A,measured,,0,paper,text,char,stigma,1024,512,,,CMMLU 医学,cmmlu-medical,accuracy,50,25,75,100,false,false,0,true,best,run-a,false,1,50,percent");
    expect(lines[2]).toContain('mcq,GPT-4,reported,"paper, 2023"');
    expect(lines[3]).toContain("mcq,B,measured");
  });
});

describe("leaderboardCsv units", () => {
  it("leaves value_percent empty for perplexity (bits, lower is better) and names the unit of every value", async () => {
    const ppl = cell({ suiteId: "medical-text-ppl", taskKind: "perplexity", metrics: { bits_per_char: 1.75, token_perplexity: 9 }, ci: { bits_per_char: [1.5, 2] } });
    const lines: string[] = [];
    for await (const line of leaderboardCsv(view([cells[0], ppl]))) lines.push(line);
    const fields = (line: string) => line.replace("\uFEFF", "").replace(/\r\n$/, "").split(",");
    const header = fields(lines[0]);
    const records = lines.slice(1).map((line) => Object.fromEntries(fields(line).map((v, i) => [header[i], v])));
    const byMetric = (metric: string, origin = "measured") => records.find((r) => r.metric === metric && r.origin === origin)!;
    expect(byMetric("bits_per_char")).toMatchObject({ value_percent: "", value: "1.75", unit: "bits_per_char", ci_low: "1.5", ci_high: "2" });
    expect(byMetric("token_perplexity")).toMatchObject({ value_percent: "", value: "9", unit: "token_perplexity" });
    expect(byMetric("accuracy")).toMatchObject({ value_percent: "50", value: "50", unit: "percent" });
    // The reported row's source ("paper, 2023") is quoted: read its last fields from the end of the line.
    expect(lines.find((line) => line.includes(",reported,"))).toMatch(/,69\.55,percent\r\n$/);
  });
});

describe("withoutInternalIds", () => {
  it("keeps every number and mark but no run or model id", () => {
    const shared = withoutInternalIds(view(cells));
    const text = JSON.stringify(shared);
    for (const id of ["run-a", "run-b", "run-c", "model-a", "model-b", "model-c"]) expect(text).not.toContain(id);
    expect(shared.sections[0].rows.map((r) => r.cells["cmmlu-medical::accuracy"]?.value)).toEqual(
      view(cells).sections[0].rows.map((r) => r.cells["cmmlu-medical::accuracy"]?.value),
    );
  });
});
