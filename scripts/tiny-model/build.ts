import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildTinyGraph, parameterCount, type TinyConfig } from "./graph";
import { collectCharacters, generationConfig, modelConfig, tokenizerConfig, tokenizerJson, vocabulary } from "./files";
import { encodeModel } from "./onnx-proto";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** Labels the bundled mcq and scale items answer with; the tiny model leans to them so answers are often parseable. */
const FAVOURED = ["A", "B", "C", "D", "1", "2", "3", "4", "5"];

/** Writes the tiny model into dir; returns its config and parameter count. Same seed, same bytes. */
export function writeTinyModel(dir: string, { seed = 13, positions = "table" }: { seed?: number; positions?: TinyConfig["positions"] } = {}) {
  const vocab = vocabulary(collectCharacters(REPO_ROOT));
  const config: TinyConfig = {
    vocabSize: vocab.length,
    hidden: 8,
    heads: 2,
    layers: 2,
    intermediate: 16,
    maxPositions: 4096,
    seed,
    positions,
    favoured: FAVOURED.map((t) => vocab.indexOf(t)),
    end: vocab.indexOf("<|im_end|>"),
  };
  mkdirSync(path.join(dir, "onnx"), { recursive: true });
  writeFileSync(path.join(dir, "onnx/model.onnx"), encodeModel(buildTinyGraph(config), { opset: 17, producer: "chimed-tiny-model" }));
  const json = (name: string, value: unknown) => writeFileSync(path.join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  json("tokenizer.json", tokenizerJson(vocab));
  json("tokenizer_config.json", tokenizerConfig());
  json("config.json", modelConfig(config));
  json("generation_config.json", generationConfig());
  return { config, parameters: parameterCount(config) };
}
