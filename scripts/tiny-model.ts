// `npm run tiny-model -- <dir>`: writes a tiny random-weight causal LM (Optimum export layout) for tests, offline.
import { writeTinyModel } from "./tiny-model/build";

const dir = process.argv[2];
if (!dir || dir.startsWith("-")) {
  process.stderr.write("usage: npm run tiny-model -- <dir> [--seed <n>]\n");
  process.exit(2);
}
const seedAt = process.argv.indexOf("--seed");
const seed = seedAt > 0 ? Number(process.argv[seedAt + 1]) : undefined;
if (seed !== undefined && !Number.isInteger(seed)) {
  process.stderr.write("--seed takes an integer\n");
  process.exit(2);
}
const { config, parameters } = writeTinyModel(dir, { seed });
process.stderr.write(`wrote ${dir}: vocabulary ${config.vocabSize}, ${config.layers} layers, hidden ${config.hidden}, ${parameters} parameters\n`);
