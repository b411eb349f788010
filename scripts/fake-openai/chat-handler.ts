import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatMessage } from "@/lib/suites/types";
import { answerSeed, fakeAnswer } from "./answers";
import { sendFault } from "./fault-responses";
import { type FaultPlan, requestKey } from "./faults";
import { DEFAULT_HUGE_BYTES, type HostileSpec, hostileKindFor, hostileText, sendHugeAnswer } from "./hostile";
import { sendError, sendJson, sendSse } from "./http-utils";
import type { LetterLogprob } from "./mcq";
import { applyLimits, buildLogprobs, type Completion, chatCompletionJson, chatCompletionSse, textCompletionJson } from "./responses";
import { echoLogprobs, NO_PROMPT_LOGPROBS_MODEL } from "./prompt-logprobs";
import { countTokens } from "./text-utils";

export interface HandlerState {
  seed: number;
  models: readonly string[];
  /** False when no model list was configured: any model name is accepted. */
  enforceModels: boolean;
  retryAfterSeconds: number | null;
  oracle?: (messages: ChatMessage[]) => string | undefined;
  plan: FaultPlan | null;
  nextDelay(): number;
  count(kind: string): void;
  schedule(res: ServerResponse, delayMs: number, send: () => void): void;
  nextSampleIndex(): number;
  nextId(): string;
  /** Counts one more call of a request (model + messages). */
  countCall(key: number): void;
  hostile?: HostileSpec;
}

type Body = Record<string, unknown>;

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function contentText(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (content === null) return "";
  if (!Array.isArray(content)) return null;
  return content.map((p) => (p && typeof p === "object" && typeof p.text === "string" ? p.text : "")).join("");
}

function readMessages(body: Body, legacy: boolean): ChatMessage[] | null {
  if (legacy) {
    const prompt = Array.isArray(body.prompt) ? body.prompt[0] : body.prompt;
    return typeof prompt === "string" ? [{ role: "user", content: prompt }] : null;
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return null;
  const messages: ChatMessage[] = [];
  for (const m of body.messages as Body[]) {
    const content = m && typeof m.role === "string" ? contentText(m.content) : null;
    if (content === null) return null;
    messages.push({ role: m.role as ChatMessage["role"], content });
  }
  return messages;
}

/** `name@N` answers as another checkpoint of the same model: the server seed shifted by N. */
export function checkpointOffset(model: string): number {
  const match = /@(\d{1,9})$/.exec(model);
  return match ? Number(match[1]) : 0;
}

function buildCompletion(state: HandlerState, body: Body, messages: ChatMessage[], model: string, id: string): Completion {
  const temperature = num(body.temperature);
  const requestSeed = num(body.seed);
  const sampled = temperature !== undefined && temperature > 0 && requestSeed === undefined;
  const seed = answerSeed(state.seed + checkpointOffset(model), { temperature, seed: requestSeed }, sampled ? state.nextSampleIndex() : 0);
  const wantLogprobs = body.logprobs === true;
  let text = state.oracle?.(messages);
  let firstTop: LetterLogprob[] | undefined;
  if (text === undefined) {
    const answer = fakeAnswer(messages, seed);
    // Logprob scoring of multiple choice reads the first token, so answer with the bare letter.
    firstTop = wantLogprobs ? answer.letterLogprobs : undefined;
    text = firstTop ? firstTop[0].token : answer.text;
  }
  const stop = typeof body.stop === "string" || Array.isArray(body.stop) ? (body.stop as string | string[]) : undefined;
  const limited = applyLimits(text, num(body.max_completion_tokens) ?? num(body.max_tokens), stop);
  const topN = Math.max(0, Math.min(20, num(body.top_logprobs) ?? 0));
  let promptTokens = 0;
  for (const m of messages) promptTokens += countTokens(m.content) + 4;
  return {
    id,
    model,
    created: Math.floor(Date.now() / 1000),
    text: limited.text,
    finishReason: limited.finishReason,
    promptTokens,
    completionTokens: limited.tokens.length,
    tokens: limited.tokens,
    logprobs: wantLogprobs ? buildLogprobs(limited.tokens, topN, firstTop) : null,
  };
}

export function handleCompletion(state: HandlerState, req: IncomingMessage, res: ServerResponse, raw: string, legacy: boolean): void {
  let body: Body;
  try {
    body = JSON.parse(raw) as Body;
  } catch {
    state.count("bad_request");
    return sendError(res, 400, "We could not parse the JSON body of your request.", "invalid_request_error");
  }
  const messages = body && typeof body === "object" ? readMessages(body, legacy) : null;
  if (!messages) {
    state.count("bad_request");
    return sendError(res, 400, legacy ? "'prompt' must be a string." : "'messages' must be a non-empty array of {role, content}.", "invalid_request_error");
  }
  const model = typeof body.model === "string" ? body.model : state.models[0];
  if (state.enforceModels && !state.models.includes(model)) {
    state.count("not_found");
    return sendError(res, 404, `The model \`${model}\` does not exist.`, "invalid_request_error", "model_not_found");
  }
  const stream = !legacy && body.stream === true;
  const id = state.nextId();
  const key = requestKey(model, messages);
  state.countCall(key);
  const fault = state.plan?.decide(messages, key) ?? null;
  const delay = state.nextDelay();
  if (fault) {
    state.count(fault);
    if (fault === "hang") return;
    const ctx = { req, res, stream, retryAfterSeconds: state.retryAfterSeconds, id, model };
    return state.schedule(res, delay, () => sendFault(fault, ctx));
  }
  const hostile = legacy || stream ? null : hostileKindFor(state.hostile, state.seed, key);
  if (hostile === "huge") {
    state.count("huge");
    const bytes = state.hostile?.hugeBytes ?? DEFAULT_HUGE_BYTES;
    return state.schedule(res, delay, () => sendHugeAnswer(res, { id, model, bytes }));
  }
  if (legacy && body.echo === true) return sendEcho(state, res, body, messages[0].content, model, id, delay);
  state.count(hostile ?? (legacy ? "completions" : stream ? "stream" : "chat"));
  const completion = buildCompletion(state, body, messages, model, id);
  if (hostile) completion.text = hostileText(hostile, completion.text);
  if (!stream) {
    const json = legacy ? textCompletionJson(completion) : chatCompletionJson(completion);
    return state.schedule(res, delay, () => sendJson(res, 200, json));
  }
  const options = body.stream_options as Body | undefined;
  const sse = chatCompletionSse(completion, options?.include_usage === true);
  state.schedule(res, delay, () => sendSse(res, sse.head, sse.rest));
}

/** `echo: true`: the prompt comes back before the answer, with its token log-probabilities when `logprobs` is set. */
function sendEcho(state: HandlerState, res: ServerResponse, body: Body, prompt: string, model: string, id: string, delay: number): void {
  if (model === NO_PROMPT_LOGPROBS_MODEL) {
    state.count("bad_request");
    return state.schedule(res, delay, () => sendError(res, 400, "echo is not supported with logprobs.", "invalid_request_error"));
  }
  state.count("echo");
  const completion = buildCompletion(state, { ...body, logprobs: false }, [{ role: "user", content: prompt }], model, id);
  const wanted = typeof body.logprobs === "number" && body.logprobs >= 0;
  const json = JSON.stringify({
    id: id.replace("chatcmpl", "cmpl"),
    object: "text_completion",
    created: completion.created,
    model,
    choices: [
      {
        index: 0,
        text: prompt + completion.text,
        logprobs: wanted ? echoLogprobs(state.seed, prompt, completion.tokens) : null,
        finish_reason: completion.finishReason,
      },
    ],
    usage: { prompt_tokens: completion.promptTokens, completion_tokens: completion.completionTokens, total_tokens: completion.promptTokens + completion.completionTokens },
  });
  state.schedule(res, delay, () => sendJson(res, 200, json));
}
