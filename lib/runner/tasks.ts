import type { ChatResult, DecodingParams } from "@/lib/providers/types";
import { scoreBenchmarkItem } from "@/lib/scoring/item-score";
import { pickLetterFromLogprobs } from "@/lib/scoring/mcq-answer";
import { likertFromLogprobs, parseLikert, type ScalePresentation } from "@/lib/scoring/likert";
import { agreementOptions } from "@/lib/suites/scales";
import { buildDialogueMessages, buildInstructionMessages, buildOpenQaMessages } from "@/lib/suites/prompts/generation";
import { buildMcqMessages } from "@/lib/suites/prompts/mcq";
import { buildNerMessages } from "@/lib/suites/prompts/ner";
import { buildScaleAdministration } from "@/lib/suites/prompts/scale";
import type { ChatMessage, DialogueInput, InstructionInput, McqInput, NerInput, OpenQaInput, ScaleInput } from "@/lib/suites/types";
import { isGreedySample } from "./settings";
import type { ContextItem, SuiteContext } from "./suite-context";

export type PreparedRequest =
  | { messages: ChatMessage[]; params: DecodingParams; presentation?: ScalePresentation }
  | { error: string };

export interface ScoredAnswer {
  outcome: "scored" | "unparsed" | "refused";
  parsed: unknown;
  scores: Record<string, unknown>;
}

const TOP_LOGPROBS = 20;

/** Builds the exact request for one (item, sample); the same inputs always give the same request. */
export function prepareRequest(
  ctx: SuiteContext,
  item: ContextItem,
  sample: number,
  modelParams: Record<string, unknown>,
): PreparedRequest {
  const { settings } = ctx;
  const system = settings.systemPrompt ?? undefined;
  let messages: ChatMessage[];
  let presentation: ScalePresentation | undefined;
  switch (ctx.kind) {
    case "mcq": {
      const input = item.input as McqInput;
      messages = buildMcqMessages(input, {
        template: settings.template,
        subjectLabel: (item.subset ? ctx.subjectLabels[item.subset] : undefined) ?? input.subject,
        shots: ctx.shots.get(item.subset ?? "") ?? ctx.shots.get("") ?? [],
        systemPrompt: system,
      });
      break;
    }
    case "ner":
      messages = buildNerMessages(item.input as NerInput, ctx.nerTypes, { systemPrompt: system });
      break;
    case "open_qa":
      messages = buildOpenQaMessages(item.input as OpenQaInput, { systemPrompt: system });
      break;
    case "dialogue":
      messages = buildDialogueMessages(item.input as DialogueInput, { systemPrompt: system });
      break;
    case "instruction":
      messages = buildInstructionMessages(item.input as InstructionInput, { systemPrompt: system });
      break;
    case "scale": {
      const administration = buildScaleAdministration({
        scale: ctx.scale!,
        item: item.input as ScaleInput,
        instruction: settings.instruction,
        order: settings.order,
        labels: settings.labels,
        seed: settings.seed,
        sample,
      });
      if ("error" in administration) return administration;
      messages = administration.messages;
      presentation = administration.presentation;
      break;
    }
  }
  return { messages: withSystem(messages, system), params: decodingParams(ctx, sample, modelParams), presentation };
}

function withSystem(messages: ChatMessage[], system: string | undefined): ChatMessage[] {
  if (!system || messages[0]?.role === "system") return messages;
  return [{ role: "system", content: system }, ...messages];
}

function decodingParams(ctx: SuiteContext, sample: number, modelParams: Record<string, unknown>): DecodingParams {
  const { settings } = ctx;
  const greedy = isGreedySample(settings, sample);
  const params: DecodingParams = {
    temperature: greedy ? 0 : (settings.temperature ?? num(modelParams.temperature)),
    top_p: greedy ? undefined : (settings.topP ?? num(modelParams.top_p)),
    max_tokens: settings.maxTokens,
    // A distinct seed per administration keeps repeated samples apart in the response cache.
    seed: settings.seed + sample,
  };
  if (settings.answerMode === "logprobs" && (ctx.kind === "mcq" || ctx.kind === "scale")) {
    params.logprobs = true;
    params.top_logprobs = TOP_LOGPROBS;
  }
  return params;
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

/** Parses and scores one answer with the pure scoring functions. */
export function scoreAnswer(
  ctx: SuiteContext,
  item: ContextItem,
  sample: number,
  prepared: Extract<PreparedRequest, { messages: ChatMessage[] }>,
  result: Pick<ChatResult, "text" | "topLogprobs">,
): ScoredAnswer {
  if (ctx.kind === "scale") return scoreScaleAnswer(ctx, item, sample, prepared.presentation!, result);
  const logprobLetter =
    ctx.kind === "mcq" && ctx.settings.answerMode === "logprobs" && result.topLogprobs
      ? pickLetterFromLogprobs(result.topLogprobs, Object.keys((item.input as McqInput).options))
      : undefined;
  const scored = scoreBenchmarkItem(ctx.kind, {
    input: item.input,
    gold: item.gold,
    answer: result.text,
    logprobLetter,
    config: { nerTypes: ctx.nerTypes, tokenizer: ctx.settings.tokenizer, listDelimiter: ctx.listDelimiter },
  });
  return { outcome: scored.outcome, parsed: scored.parsed, scores: scored.scores };
}

function scoreScaleAnswer(
  ctx: SuiteContext,
  item: ContextItem,
  sample: number,
  presentation: ScalePresentation,
  result: Pick<ChatResult, "text" | "topLogprobs">,
): ScoredAnswer {
  const scale = ctx.scale!;
  const greedy = isGreedySample(ctx.settings, sample);
  const base = { presentation: presentation.values, labels: presentation.labels, greedy };
  if (ctx.settings.answerMode === "logprobs" && result.topLogprobs) {
    const lp = likertFromLogprobs(result.topLogprobs, presentation);
    if (lp) {
      return {
        outcome: "scored",
        parsed: { ...base, rule: "logprob", value: lp.argmax, probs: lp.probs, expected: lp.expected },
        scores: { value: lp.argmax, expected: lp.expected },
      };
    }
  }
  const parse = parseLikert(result.text, presentation, agreementOptions(scale));
  if (parse.outcome !== "parsed") return { outcome: parse.outcome, parsed: { ...base }, scores: {} };
  return {
    outcome: "scored",
    parsed: { ...base, rule: parse.rule, value: parse.value, position: parse.position },
    scores: { value: parse.value! },
  };
}
