// Which files of an Optimum / onnx-community export a browser load reads, whatever they came from (disk or URL).
import { MODEL_FILES, type ModelDtype } from "@/lib/onnx/model-config";

export const SIDE_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json"] as const;
export const OPTIONAL_SIDE_FILES = ["generation_config.json"] as const;

/** Small weights first: a 0.5B model is about 0.5 GB at q4f16 and 2 GB at fp32. */
const DTYPE_ORDER: ModelDtype[] = ["q4f16", "q4", "q8", "fp16", "fp32"];

/** The model files a loader tries, in order. */
export const MODEL_FILE_CANDIDATES: string[] = DTYPE_ORDER.flatMap((d) => MODEL_FILES[d]);

/** The path inside the model folder of a picked file: a folder pick names "<folder>/onnx/model.onnx". */
export function pathInModel(relativePath: string, name: string): string {
  const parts = (relativePath || name).split("/").filter(Boolean);
  return parts.length > 1 ? parts.slice(1).join("/") : parts[0] ?? name;
}

export interface ModelFilePlan {
  model: string;
  /** Weights stored beside the graph (exports over 2 GB). */
  externalData: string | null;
  side: string[];
}

/** What to read from a set of available paths, or why it is not a model folder. */
export function planModelFiles(available: readonly string[]): ModelFilePlan | { error: string } {
  const have = new Set(available);
  const model = MODEL_FILE_CANDIDATES.find((p) => have.has(p)) ?? available.find((p) => p.endsWith(".onnx"));
  if (!model) return { error: "no .onnx model file among the chosen files (expected onnx/model.onnx or an Optimum export's files)" };
  const missing = SIDE_FILES.filter((f) => !have.has(f));
  if (missing.length > 0) return { error: `missing ${missing.join(", ")} beside the model` };
  const externalData = [`${model}_data`, `${model}.data`].find((p) => have.has(p)) ?? null;
  return { model, externalData, side: [...SIDE_FILES, ...OPTIONAL_SIDE_FILES.filter((f) => have.has(f))] };
}

/** Refuses a model that cannot fit before trying: the tab would be killed rather than throw. */
export function checkFits(modelBytes: number, budgetBytes: number | null): string | null {
  if (budgetBytes === null || modelBytes <= budgetBytes) return null;
  const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;
  return `the model needs about ${gb(modelBytes)}, more than this device offers the page (${gb(budgetBytes)}); choose a smaller or more quantized export`;
}
