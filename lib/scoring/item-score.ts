import type { McqGold, McqInput, NerGold, ReferencesGold } from "@/lib/suites/types";
import { bleuStats } from "./bleu";
import { exactMatch, listCounts } from "./list-match";
import { type McqRule, parseMcqAnswer } from "./mcq-answer";
import { type NerTypeLabel, type ParsedEntity, parseEntities } from "./ner-answer";
import { nerItemCounts } from "./ner-metrics";
import { rougeF1 } from "./rouge";
import { type TokenizerId, tokenize } from "./tokenize";

export type BenchmarkKind = "mcq" | "ner" | "open_qa" | "dialogue" | "instruction";
export type ItemOutcome = "scored" | "unparsed";
export type ItemScores = Record<string, number | number[]>;

/** Per-type NER counts are stored as `type:<id>` → [tp, fp, fn] so every score stays a number or number array. */
export const NER_TYPE_PREFIX = "type:";
export const BLEU_MAX_N = 4;

export interface ItemScore {
  outcome: ItemOutcome;
  parsed: McqParsed | NerParsed | GenerationParsed;
  scores: ItemScores;
}
export interface McqParsed {
  letter: string | null;
  rule: McqRule | "logprob";
}
export interface NerParsed {
  entities: ParsedEntity[];
  unparsedLines: number;
}
export interface GenerationParsed {
  tokens: number;
  tokenizer: TokenizerId;
}

export interface ScoreConfig {
  nerTypes?: NerTypeLabel[];
  tokenizer?: TokenizerId;
  /** instruction: the target is a list with this delimiter, also scored as a set (listMatches). */
  listDelimiter?: string;
}

/** Items were validated (zod) when their suite was imported, so scoring trusts their shape. */
export interface ScoreArgs {
  input: unknown;
  gold: unknown;
  /** Raw model text; null when the model gave no answer (error or refusal at the API level). */
  answer: string | null;
  logprobLetter?: string | null;
  config: ScoreConfig;
}

function scoreMcq({ input, gold, answer, logprobLetter }: ScoreArgs): ItemScore {
  const { options } = input as McqInput;
  const { answer: key } = gold as McqGold;
  const parsed: McqParsed =
    logprobLetter != null && Object.hasOwn(options, logprobLetter)
      ? { letter: logprobLetter, rule: "logprob" }
      : answer === null
        ? { letter: null, rule: "unparsed" }
        : parseMcqAnswer(answer, options);
  return {
    outcome: parsed.letter === null ? "unparsed" : "scored",
    parsed,
    scores: { correct: parsed.letter === key ? 1 : 0 },
  };
}

function scoreNer({ gold, answer, config }: ScoreArgs): ItemScore {
  if (!config.nerTypes?.length) throw new Error("NER scoring needs config.nerTypes");
  const { entities: goldEntities } = gold as NerGold;
  const parsed: NerParsed = answer === null ? { entities: [], unparsedLines: 0 } : parseEntities(answer, config.nerTypes);
  const counts = nerItemCounts(parsed.entities, goldEntities);
  const scores: ItemScores = { tp: counts.tp, fp: counts.fp, fn: counts.fn };
  for (const [type, c] of Object.entries(counts.perType)) scores[NER_TYPE_PREFIX + type] = [c.tp, c.fp, c.fn];
  const unparsed = answer === null || (parsed.entities.length === 0 && parsed.unparsedLines > 0);
  return { outcome: unparsed ? "unparsed" : "scored", parsed, scores };
}

function scoreGeneration({ gold, answer, config }: ScoreArgs): ItemScore {
  const { references } = gold as ReferencesGold;
  const tokenizer = config.tokenizer ?? "char";
  // A missing or blank answer is scored as the empty hypothesis, so it lowers corpus BLEU as NLTK would.
  const hyp = tokenize(answer ?? "", tokenizer);
  const refs = references.map((r) => tokenize(r, tokenizer));
  const stats = bleuStats(hyp, refs, BLEU_MAX_N);
  return {
    outcome: answer === null || answer.trim() === "" ? "unparsed" : "scored",
    parsed: { tokens: hyp.length, tokenizer },
    scores: {
      ...rougeF1(hyp, refs),
      bleuMatches: stats.matches,
      bleuTotals: stats.totals,
      hypLen: stats.hypLen,
      refLen: stats.refLen,
    },
  };
}

/** Generation metrics, exact match, and with a list delimiter the [tp, fp, fn] of the target's elements. */
function scoreInstruction(args: ScoreArgs): ItemScore {
  const scored = scoreGeneration(args);
  const { references } = args.gold as ReferencesGold;
  const answer = args.answer ?? "";
  scored.scores.exactMatch = exactMatch(answer, references);
  const delimiter = args.config.listDelimiter;
  if (delimiter) scored.scores.listMatches = listCounts(answer, references[0], delimiter);
  return scored;
}

export function scoreBenchmarkItem(kind: BenchmarkKind, args: ScoreArgs): ItemScore {
  switch (kind) {
    case "mcq":
      return scoreMcq(args);
    case "ner":
      return scoreNer(args);
    case "open_qa":
    case "dialogue":
      return scoreGeneration(args);
    case "instruction":
      return scoreInstruction(args);
  }
}
