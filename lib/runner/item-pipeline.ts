import type { ClaimedItem, ItemResult } from "@/lib/db/queries/run-items";
import type { ChatResult } from "@/lib/providers/types";
import type { SuiteContext } from "@/lib/tasks/context";
import { prepareRequest, scoreAnswer } from "@/lib/tasks/prepare";
import type { PreparedRequest } from "@/lib/tasks/types";
import { responseCacheKey } from "./cache-key";
import type { CacheEntry } from "./result-writer";

/**
 * The per-item work of a run, in two steps that every answer goes through whoever produced it (the server
 * runner calling a model, or a browser posting what it generated): prepare a claimed item, then complete it.
 */
export interface PreparedItem {
  claimed: ClaimedItem;
  request: PreparedRequest;
  /** The response cache key, when the model has an endpoint to cache against. */
  key: string | null;
  /** The cached response for this request, when there is one. */
  hit?: ChatResult;
}

/** The answer to a prepared item: the model's response, or why there is none. */
export type ItemAnswer = { response: ChatResult; cached: boolean } | { error: string };

export interface CompletedItem {
  result: ItemResult;
  /** A fresh response to remember in the response cache. */
  cacheEntry: CacheEntry | null;
}

export function prepareItem(
  ctx: SuiteContext,
  claimed: ClaimedItem,
  { modelParams, endpoint }: { modelParams: Record<string, unknown>; endpoint: string | null },
): PreparedItem {
  const item = ctx.items.get(claimed.itemId);
  const request: PreparedRequest = item
    ? prepareRequest(ctx, item, claimed.sample, modelParams)
    : { error: `suite item ${claimed.itemId} is missing` };
  const key = endpoint && "messages" in request ? responseCacheKey(endpoint, request) : null;
  return { claimed, request, key };
}

/** Parses and scores an answer and gives the row to write; a scorer that throws makes an errored row, not a crash. */
export function completeItem(ctx: SuiteContext, prepared: PreparedItem, answer: ItemAnswer): CompletedItem {
  const { claimed, request } = prepared;
  const base = { id: claimed.id, cached: false, promptTokens: null, completionTokens: null, latencyMs: null };
  if ("error" in request) return { result: { ...base, ...emptyResult, status: "error", error: request.error }, cacheEntry: null };
  const messages = request.messages;
  if ("error" in answer) return { result: { ...base, ...emptyResult, messages, status: "error", error: answer.error }, cacheEntry: null };
  const { response, cached } = answer;
  const item = ctx.items.get(claimed.itemId)!;
  try {
    const scored = scoreAnswer(ctx, item, claimed.sample, request, response);
    return {
      result: {
        ...base,
        status: "done",
        messages,
        rawResponse: response.text,
        parsed: scored.parsed,
        outcome: scored.outcome,
        scores: scored.scores,
        latencyMs: cached ? 0 : Math.round(response.latencyMs),
        promptTokens: response.promptTokens,
        completionTokens: response.completionTokens,
        cached,
        error: null,
      },
      cacheEntry: prepared.key && !cached ? { key: prepared.key, response: { ...response } } : null,
    };
  } catch (error) {
    return {
      result: {
        ...base,
        ...emptyResult,
        messages,
        rawResponse: response.text,
        status: "error",
        error: `scoring failed: ${(error as Error).message}`,
      },
      cacheEntry: null,
    };
  }
}

const emptyResult = { messages: null, rawResponse: null, parsed: null, outcome: null, scores: null };
