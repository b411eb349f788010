import { parseArgs } from "node:util";
import { type BaselineStrategy, baselineStrategies, isBaselineStrategy } from "@/lib/providers/baseline";
import { type RunSettingsInput, runSettingsInput } from "@/lib/runner/settings";
import { CliError } from "./usage";

export type EvalTarget =
  | { kind: "openai"; baseUrl: string; modelId: string; apiKeyEnv?: string }
  | { kind: "baseline"; strategy: BaselineStrategy };

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
}

const str = { type: "string" } as const;
const options = {
  suite: str, "base-url": str, model: str, "api-key-env": str, baseline: str, limit: str, concurrency: str,
  shots: str, samples: str, temperature: str, seed: str, variant: str, order: str, labels: str, resume: str,
  json: { type: "boolean" }, help: { type: "boolean", short: "h" },
} as const;

const flagOfSetting: Record<string, string> = {
  limit: "--limit", concurrency: "--concurrency", shots: "--shots", samples: "--samples", temperature: "--temperature",
  seed: "--seed", instruction: "--variant", order: "--order", labels: "--labels",
};
const integerFlags = ["limit", "concurrency", "shots", "samples", "seed"] as const;
const scaleFlagNames = ["variant", "order", "labels"] as const;

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
  for (const name of integerFlags) if (text(name) !== undefined) settings[name] = toNumber(name, text(name)!, true);
  if (text("temperature") !== undefined) settings.temperature = toNumber("temperature", text("temperature")!, false);
  if (text("variant") !== undefined) settings.instruction = text("variant");
  if (text("order") !== undefined) settings.order = text("order");
  if (text("labels") !== undefined) settings.labels = text("labels");
  const parsed = runSettingsInput.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`${flagOfSetting[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
  }
  const scaleFlags = scaleFlagNames.filter((n) => text(n) !== undefined).map((n) => `--${n}`);
  const resume = text("resume");
  if (resume !== undefined) {
    const ignored = Object.keys(values).filter((k) => !["resume", "json", "suite"].includes(k)).map((k) => `--${k}`);
    return { ...base, resume, suite: text("suite"), settings: {}, ignored };
  }
  const suite = text("suite");
  if (!suite) throw new CliError("--suite <id> is required (or --resume <run-id>)");
  return { ...base, suite, target: parseTarget(text), settings: parsed.data, scaleFlags };
}

function parseTarget(text: (name: keyof typeof options) => string | undefined): EvalTarget {
  const [baseUrl, modelId, baseline, apiKeyEnv] = [text("base-url"), text("model"), text("baseline"), text("api-key-env")];
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
  return { kind: "openai", baseUrl: baseUrl.replace(/\/+$/, ""), modelId, apiKeyEnv };
}

function toNumber(flag: string, raw: string, integer: boolean): number {
  const n = raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new CliError(`--${flag} must be ${integer ? "a whole number" : "a number"}, got "${raw}"`);
  }
  return n;
}
