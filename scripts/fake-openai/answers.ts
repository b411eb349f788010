import { hashString } from "@/lib/scoring/random";
import type { ChatMessage } from "@/lib/suites/types";
import { freeTextFor } from "./free-text";
import { isJudgePrompt, judgeReplyFor } from "./judge";
import { isLikertPrompt, type LikertChoice, likertChoiceFor } from "./likert";
import { type LetterLogprob, type McqChoice, mcqChoiceFor, parseMcqOptions } from "./mcq";
import { type FakeEntity, formatEntities, isNerPrompt, nerEntitiesFor } from "./ner";
import { lastUserContent } from "./text-utils";

export type FakeAnswerKind = "mcq" | "likert" | "ner" | "judge" | "free";

export interface FakeAnswer {
  kind: FakeAnswerKind;
  text: string;
  /** For multiple choice: the distribution over option letters at the first answer position. */
  letterLogprobs?: LetterLogprob[];
}

export function classifyPrompt(content: string): FakeAnswerKind {
  // First: a judge prompt quotes answers that may look like options or scale labels.
  if (isJudgePrompt(content)) return "judge";
  if (isLikertPrompt(content)) return "likert";
  if (parseMcqOptions(content).length > 0) return "mcq";
  return isNerPrompt(content) ? "ner" : "free";
}

/** What the fake server answers (before any oracle), as a pure function of the messages and the seed. */
export function fakeAnswer(messages: readonly ChatMessage[], seed: number): FakeAnswer {
  const content = lastUserContent(messages);
  const kind = classifyPrompt(content);
  if (kind === "judge") return { kind, text: judgeReplyFor(content, seed).text };
  if (kind === "likert") return { kind, text: likertChoiceFor(content, seed).text };
  if (kind === "mcq") {
    const choice = mcqChoiceFor(content, parseMcqOptions(content), seed);
    return { kind, text: choice.text, letterLogprobs: choice.letterLogprobs };
  }
  if (kind === "ner") return { kind, text: formatEntities(nerEntitiesFor(content, seed)) };
  return { kind, text: freeTextFor(content, seed) };
}

/** Null unless the server would treat the last user message as multiple choice. */
export function fakeMcqChoice(messages: readonly ChatMessage[], seed: number): McqChoice | null {
  const content = lastUserContent(messages);
  if (classifyPrompt(content) !== "mcq") return null;
  return mcqChoiceFor(content, parseMcqOptions(content), seed);
}

export function fakeLikertChoice(messages: readonly ChatMessage[], seed: number): LikertChoice | null {
  const content = lastUserContent(messages);
  return classifyPrompt(content) === "likert" ? likertChoiceFor(content, seed) : null;
}

export function fakeNerEntities(messages: readonly ChatMessage[], seed: number): FakeEntity[] | null {
  const content = lastUserContent(messages);
  return classifyPrompt(content) === "ner" ? nerEntitiesFor(content, seed) : null;
}

/**
 * The seed fakeAnswer is called with. Greedy requests use the server seed; sampled ones (temperature > 0)
 * use the request's `seed` when given, else the server's running count of sampled requests.
 */
export function answerSeed(
  serverSeed: number,
  request: { temperature?: number; seed?: number },
  sampledCount: number,
): number {
  if (!(request.temperature !== undefined && request.temperature > 0)) return serverSeed;
  if (request.seed !== undefined) return hashString(`${serverSeed}:seed:${request.seed}`);
  return hashString(`${serverSeed}:sample:${sampledCount}`);
}

export type { FakeEntity, LetterLogprob, LikertChoice, McqChoice };
