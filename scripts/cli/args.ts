import path from "node:path";
import { parseArgs } from "node:util";
import { type BaselineStrategy, baselineStrategies, isBaselineStrategy } from "@/lib/providers/baseline";
import { type RewardScorerConfig, rewardScorerSchema } from "@/lib/providers/reward-scorer";
import { RUN_LABEL_MAX } from "@/lib/validation/runs";
import { type RunSettingsInput, runSettingsInput } from "@/lib/runner/settings";
import { MODEL_DTYPES, type ModelDtype } from "@/lib/onnx/model-config";
import { CliError } from "./usage";

export type EvalTarget =
  | { kind: "openai"; baseUrl: string; modelId: string; apiKeyEnv?: string; scorer?: RewardScorerConfig }
  | { kind: "baseline"; strategy: BaselineStrategy }
  | { kind: "onnx"; dir: string; dtype: ModelDtype };

export interface EvalOptions {
  help: boolean;
  json: boolean;
  resume?: string;
  suite?: string;
  target?: EvalTarget;
  settings: RunSettingsInput;
  /** Scale-only flags that were given, rejected for other suites. */
  scaleFlags: string[];
  /** Flags a resumed run ignores (its settings are frozen). */
  ignored: string[];
  label?: string;
}

const str = { type: "string" } as const;
const options = {
  suite: str, "base-url": str, model: str, "api-key-env": str, baseline: str, limit: str, "sample-seed": str,
  subsets: str, concurrency: str, shots: str, samples: str, temperature: str, "top-p": str, "max-tokens": str,
  seed: str, template: str, "system-prompt": str, "answer-mode": str, tokenizer: str, variant: str, order: str,
  labels: str, missing: str, key: str, label: str, resume: str, "reward-api": str, "reward-template": str,
  "reward-score-path": str, onnx: str, dtype: str,
  json: { type: "boolean" }, help: { type: "boolean", short: "h" },
} as const;

/** Flags whose value is a run setting, by the setting's name (the same names as the API's and the form's). */
const settingOfFlag = {
  limit: "limit", "sample-seed": "sampleSeed", concurrency: "concurrency", shots: "shots", samples: "samples",
  temperature: "temperature", "top-p": "topP", "max-tokens": "maxTokens", seed: "seed", template: "template",
  "system-prompt": "systemPrompt", "answer-mode": "answerMode", tokenizer: "tokenizer", variant: "instruction",
  order: "order", labels: "labels", missing: "missing", key: "key",
} as const satisfies Partial<Record<keyof typeof options, keyof RunSettingsInput>>;
const flagOfSetting: Record<string, string> = Object.fromEntries(
  Object.entries(settingOfFlag).map(([flag, setting]) => [setting, `--${flag}`]),
);
const integerFlags = ["limit", "sample-seed", "concurrency", "shots", "samples", "max-tokens", "seed"] as const;
const numberFlags = ["temperature", "top-p"] as const;
const scaleFlagNames = ["variant", "order", "labels", "missing", "key"] as const;

export function parseEvalArgs(argv: string[]): EvalOptions {
  let values: Partial<Record<keyof typeof options, string | boolean>>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new CliError(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
  const text = (name: keyof typeof options) => values[name] as string | undefined;
  const base = { help: values.help === true, json: values.json === true, scaleFlags: [], ignored: [] };
  if (base.help) return { ...base, settings: {} };

  const settings: Record<string, unknown> = {};
  for (const [flag, setting] of Object.entries(settingOfFlag) as [keyof typeof settingOfFlag, string][]) {
    const raw = text(flag);
    if (raw === undefined) continue;
    const integer = (integerFlags as readonly string[]).includes(flag);
    settings[setting] = integer || (numberFlags as readonly string[]).includes(flag) ? toNumber(flag, raw, integer) : raw;
  }
  if (text("subsets") !== undefined) {
    const subsets = text("subsets")!.split(",").map((s) => s.trim()).filter(Boolean);
    if (subsets.length === 0) throw new CliError('--subsets takes a comma-separated list, e.g. --subsets anatomy,virology');
    settings.subsets = subsets;
  }
  const parsed = runSettingsInput.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`${flagOfSetting[String(issue.path[0])] ?? `--${String(issue.path[0])}`}: ${issue.message}`);
  }
  const label = text("label");
  if (label !== undefined && label.length > RUN_LABEL_MAX) throw new CliError(`--label: at most ${RUN_LABEL_MAX} characters`);
  const scaleFlags = scaleFlagNames.filter((n) => text(n) !== undefined).map((n) => `--${n}`);
  const resume = text("resume");
  if (resume !== undefined) {
    const ignored = Object.keys(values).filter((k) => !["resume", "json", "suite"].includes(k)).map((k) => `--${k}`);
    return { ...base, resume, suite: text("suite"), settings: {}, ignored };
  }
  const suite = text("suite");
  if (!suite) throw new CliError("--suite <id> is required (or --resume <run-id>)");
  return { ...base, suite, target: parseTarget(text), settings: parsed.data, scaleFlags, label };
}

function parseTarget(text: (name: keyof typeof options) => string | undefined): EvalTarget {
  const onnx = text("onnx");
  const dtype = text("dtype");
  if (onnx !== undefined) {
    if (["base-url", "model", "baseline", "api-key-env", "reward-api"].some((f) => text(f as keyof typeof options) !== undefined)) {
      throw new CliError("--onnx replaces --base-url, --model, --baseline and --api-key-env; give one or the other");
    }
    if (!onnx) throw new CliError("--onnx takes the folder of an ONNX model (npm run tiny-model -- <dir> writes one)");
    if (dtype !== undefined && !(MODEL_DTYPES as string[]).includes(dtype)) throw new CliError(`--dtype must be one of ${MODEL_DTYPES.join(", ")}, got "${dtype}"`);
    return { kind: "onnx", dir: path.resolve(onnx), dtype: (dtype ?? "fp32") as ModelDtype };
  }
  if (dtype !== undefined) throw new CliError("--dtype goes with --onnx <dir>");
  const [baseUrl, modelId, baseline, apiKeyEnv] = [text("base-url"), text("model"), text("baseline"), text("api-key-env")];
  // A baseline's name given as the model (`--model longer-answer`) with no server is that baseline.
  if (baseline === undefined && baseUrl === undefined && apiKeyEnv === undefined && isBaselineStrategy(modelId)) {
    return { kind: "baseline", strategy: modelId };
  }
  if (baseline !== undefined) {
    if (baseUrl !== undefined || modelId !== undefined || apiKeyEnv !== undefined) {
      throw new CliError("--baseline replaces --base-url, --model and --api-key-env; give one or the other");
    }
    if (!isBaselineStrategy(baseline)) {
      throw new CliError(`--baseline must be one of ${Object.keys(baselineStrategies).join(", ")}, got "${baseline}"`);
    }
    return { kind: "baseline", strategy: baseline };
  }
  if (!baseUrl || !modelId) throw new CliError("give --base-url <url> and --model <model-id>, or --baseline <name>");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new CliError(`--base-url is not a URL: "${baseUrl}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`--base-url must be http(s), got "${baseUrl}"`);
  if (apiKeyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(apiKeyEnv)) {
    throw new CliError(`--api-key-env takes the name of an environment variable, got "${apiKeyEnv}"`);
  }
  const scorer = parseScorer(text);
  return { kind: "openai", baseUrl: baseUrl.replace(/\/+$/, ""), modelId, apiKeyEnv, ...(scorer ? { scorer } : {}) };
}

function parseScorer(text: (name: keyof typeof options) => string | undefined): RewardScorerConfig | undefined {
  const api = text("reward-api");
  const [template, scorePath] = [text("reward-template"), text("reward-score-path")];
  if (api === undefined) {
    if (template !== undefined || scorePath !== undefined) throw new CliError("--reward-template and --reward-score-path need --reward-api http");
    return undefined;
  }
  const parsed = rewardScorerSchema.safeParse({ api, template, scorePath });
  if (!parsed.success) {
    throw new CliError(
      api === "http" ? "--reward-api http needs --reward-template <json> and --reward-score-path <path>" : `--reward-api must be vllm, tei or http, got "${api}"`,
    );
  }
  return parsed.data;
}

function toNumber(flag: string, raw: string, integer: boolean): number {
  const n = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new CliError(`--${flag} must be ${integer ? "a whole number" : "a number"}, got "${raw}"`);
  }
  return n;
}
