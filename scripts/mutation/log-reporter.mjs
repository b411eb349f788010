// A Stryker reporter that appends each mutant's plan and result to a JSON-lines file as they happen, so a run
// stopped part-way still says exactly which mutants were judged (the built-in reports are written only at the end).
// `node scripts/mutation/summary.mjs <file>` counts them per file.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { commonTokens, declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin";

class LogReporter {
  static inject = [commonTokens.options];

  constructor(options) {
    this.file = options.logReporter?.fileName ?? ".reports/mutation/mutants.jsonl";
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(this.file, "");
  }

  write(entry) {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  onMutationTestingPlanReady({ mutantPlans }) {
    for (const { plan, mutant } of mutantPlans) {
      // Planned mutants carry 0-based lines, tested ones the report schema's 1-based lines.
      this.write({ kind: "plan", plan, ...describe(mutant, 1), status: mutant.status, tests: mutant.coveredBy?.length ?? 0 });
    }
  }

  onMutantTested(result) {
    this.write({ kind: "result", ...describe(result, 0), status: result.status, killedBy: result.killedBy?.[0] });
  }
}

function describe(mutant, lineBase) {
  const { id, fileName, mutatorName, replacement, location } = mutant;
  const { line, column } = location.start;
  return { id, file: path.relative(process.cwd(), fileName), mutator: mutatorName, replacement, line: line + lineBase, column };
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "log", LogReporter)];
