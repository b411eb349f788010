// Per-file counts from scripts/mutation/log-reporter.mjs's log; "judged" says whether every mutant planned for a
// file has its result yet. Scores as Stryker computes them: killed + timeout over those plus survived and no
// coverage (ignored, compile and runtime errors left out); "covered" leaves out no coverage as well.
// Usage: node scripts/mutation/summary.mjs .reports/mutation/<folder>/mutants.jsonl [--survivors | --markdown]
// --markdown prints the README's table: files judged completely, mutants counted without ignored ones and errors.
import { readFileSync } from "node:fs";

const [file, flag] = process.argv.slice(2);
const entries = readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
const planned = new Map();
const results = new Map();
for (const entry of entries) (entry.kind === "plan" ? planned : results).set(entry.id, entry);

const STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage", "Ignored", "CompileError", "RuntimeError"];
const empty = () => Object.fromEntries([["planned", 0], ["judged", 0], ...STATUSES.map((s) => [s, 0])]);
const files = new Map();
const total = empty();
for (const plan of planned.values()) {
  const row = files.get(plan.file) ?? empty();
  files.set(plan.file, row);
  for (const r of [row, total]) {
    r.planned++;
    const result = results.get(plan.id);
    if (result) {
      r.judged++;
      r[result.status]++;
    }
  }
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : "–");
const line = (name, r) => {
  const detected = r.Killed + r.Timeout;
  return [name, r.planned, r.judged === r.planned ? "all" : r.judged, r.Killed, r.Timeout, r.Survived, r.NoCoverage,
    r.Ignored + r.CompileError + r.RuntimeError, pct(detected, detected + r.Survived + r.NoCoverage), pct(detected, detected + r.Survived)].join("\t");
};
if (flag === "--markdown") {
  const complete = [...files].sort().filter(([, r]) => r.judged === r.planned);
  const sum = empty();
  for (const [, r] of complete) for (const k of Object.keys(sum)) sum[k] += r[k];
  const row = (name, r) => {
    const detected = r.Killed + r.Timeout;
    const counted = detected + r.Survived + r.NoCoverage;
    return `| ${name} | ${counted} | ${r.Killed} | ${r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${pct(detected, counted)} |`;
  };
  console.log("| file | mutants | killed | timeout | survived | no coverage | score |\n|---|---|---|---|---|---|---|");
  for (const [name, r] of complete) console.log(row(`\`${name.split("/").pop()}\``, r));
  console.log(row("**files judged completely**", sum));
  const partial = [...files].filter(([, r]) => r.judged !== r.planned).map(([name, r]) => `${name} (${r.judged} of ${r.planned})`);
  if (partial.length > 0) console.log(`\nNot judged completely: ${partial.join(", ")}`);
} else {
  console.log("file\tmutants\tjudged\tkilled\ttimeout\tsurvived\tno coverage\tignored/errors\tscore\tcovered score");
  for (const [name, r] of [...files].sort()) console.log(line(name, r));
  console.log(line("total", total));
}

if (flag === "--survivors") {
  for (const r of results.values()) {
    // Older logs wrote tested mutants' lines one too high; the plan's line is right in both.
    if (r.status === "Survived") console.log(`${r.file}:${planned.get(r.id)?.line ?? r.line}\t${r.mutator}\t${JSON.stringify(r.replacement)}`);
  }
}
