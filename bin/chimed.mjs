#!/usr/bin/env node
// `npx chimed <command> …`: runs a command's TypeScript entry point in this process through tsx's API, so that
// nothing but the command itself writes to stdout (no npm banner) and `--json` output can be piped.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const commands = {
  eval: ["scripts/eval.ts", "evaluate a model on a suite (see: chimed eval --help)"],
  worker: ["scripts/worker.ts", "a standalone runner (--once: drain the queue and exit)"],
  bench: ["scripts/bench.ts", "throughput, CPU and start-up figures"],
};
const [command, ...rest] = process.argv.slice(2);
if (!command || command === "--help" || command === "-h" || !Object.hasOwn(commands, command)) {
  const lines = Object.entries(commands).map(([name, [, what]]) => `  ${name.padEnd(8)}${what}`);
  process.stderr.write(`${command && !command.startsWith("-") ? `unknown command "${command}"\n` : ""}usage: chimed <command> [flags]\n${lines.join("\n")}\n`);
  process.exit(command && !command.startsWith("-") ? 1 : 0);
}
// Relative defaults (.data/pglite, data/) mean the repository's, wherever the command is typed.
process.chdir(root);
register({ tsconfig: path.join(root, "tsconfig.json") });
const entry = path.join(root, commands[command][0]);
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(entry).href);
