/**
 * Builds data/medical-text-ppl/test.jsonl, the bundled held-out medical text for perplexity, from two bundled
 * test sets: every CMB-Clin case description (74 clinical case records) and the first 126 Huatuo-26M test
 * answers of at least 200 characters (consumer consultation answers). Deterministic: same inputs, same file.
 *
 *   npx tsx scripts/build-medical-text-ppl.ts [--data data]
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

const HUATUO_DOCUMENTS = 126;
const HUATUO_MIN_CHARS = 200;

interface CmbCase {
  id: string;
  description: string;
}
interface HuatuoItem {
  output: string[];
}

export function buildDocuments(cmb: CmbCase[], huatuo: HuatuoItem[]) {
  const docs = cmb.map((c) => ({ id: `cmb-clin/${c.id}`, subset: "cmb-clin", text: c.description.trim() }));
  const seen = new Set<string>();
  for (const [i, item] of huatuo.entries()) {
    if (seen.size === HUATUO_DOCUMENTS) break;
    const text = (item.output ?? []).join("\n").trim();
    if ([...text].length < HUATUO_MIN_CHARS || seen.has(text)) continue;
    seen.add(text);
    docs.push({ id: `huatuo26m/${i}`, subset: "huatuo26m", text });
  }
  return docs;
}

async function main() {
  const { values } = parseArgs({ options: { data: { type: "string" } } });
  const dataDir = path.resolve(values.data ?? "data");
  const read = async (file: string) => JSON.parse(await readFile(path.join(dataDir, file), "utf8"));
  const docs = buildDocuments(await read("cmb-clin/CMB-test-qa.json"), await read("huatuo26m-test/huatuo26M_test.json"));
  await mkdir(path.join(dataDir, "medical-text-ppl"), { recursive: true });
  await writeFile(path.join(dataDir, "medical-text-ppl", "test.jsonl"), docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
  const chars = docs.reduce((n, d) => n + [...d.text].length, 0);
  console.log(`${docs.length} documents, ${chars} characters`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
