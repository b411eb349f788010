import { type AttemptFailure, sendOnce } from "./http-attempt";
import { type Parsed, parseChatBody, parseModelList } from "./chat-response";
import { createLimiter, type Limiter } from "./limiter";
import { retryDelay, sleep as defaultSleep } from "./retry";
import { defaultTransport } from "./node-http-transport";
import { fetchTransport, type HttpInit } from "./transport";
import { parsePromptLogprobs, REFUSED_PROMPT_LOGPROBS } from "./prompt-logprobs";
import { type ChatProvider, type ChatRequest, type ChatResult, type ConnectionCheck, type PromptLogprobs, ProviderError } from "./types";

export interface OpenAICompatibleOptions {
  /** e.g. http://host:8000/v1; paths are appended as given. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Limit of one attempt, from sending to the whole answer. */
  timeoutMs?: number;
  /**
   * Limit of attempt `attempt` (1-based), instead of `timeoutMs`: tests give attempts the fake server leaves
   * hanging a short limit and the attempts it answers a long one, so a slow machine never turns an answer into
   * a timeout.
   */
  attemptTimeoutMs?: (attempt: number) => number;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  concurrency?: number;
  /** Share one limiter between providers that hit the same endpoint. */
  limiter?: Limiter;
  /** "node-http" (default) is a keep-alive node:http client; "fetch" uses the global fetch. */
  transport?: "node-http" | "fetch";
  /** Send through this fetch instead (tests, custom dispatchers); implies the fetch transport. */
  fetchImpl?: typeof fetch;
  /** Answers whose body passes this many bytes are cut off and fail (not retried). Default 4 MB. */
  maxAnswerBytes?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

const CONNECTION_PROBE: ChatRequest = { messages: [{ role: "user", content: "你好" }], params: { max_tokens: 16, temperature: 0 } };

export function createOpenAICompatibleProvider(options: OpenAICompatibleOptions): ChatProvider {
  const base = options.baseUrl.replace(/\/+$/, "");
  const chatUrl = `${base}/chat/completions`;
  const modelsUrl = `${base}/models`;
  const completionsUrl = `${base}/completions`;
  const { model, apiKey } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? (() => timeoutMs);
  const maxRetries = options.maxRetries ?? 4;
  const policy = { baseDelayMs: options.baseDelayMs ?? 500, maxDelayMs: options.maxDelayMs ?? 30_000 };
  const limiter = options.limiter ?? createLimiter(options.concurrency ?? 8);
  const transport =
    options.fetchImpl || options.transport === "fetch" ? fetchTransport(options.fetchImpl ?? fetch) : defaultTransport();
  const sleep = options.sleep ?? defaultSleep;
  const maxBodyBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const random = options.random ?? Math.random;
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;

  // Servers sometimes echo the key back (OpenAI does, half-masked); it must not reach logs or the UI.
  const redact = (text: string) => (apiKey && apiKey.length >= 4 ? text.split(apiKey).join("***") : text);

  function toError(f: AttemptFailure, attempts: number): ProviderError {
    const tries = `after ${attempts} attempt${attempts === 1 ? "" : "s"}`;
    const message = redact(`${f.summary} ${tries}${f.detail ? `: ${f.detail}` : ""}`);
    return new ProviderError(message, { kind: f.kind, status: f.status, retryable: f.retryable, attempts });
  }

  async function withRetries<T>(
    url: string,
    init: Omit<HttpInit, "timeoutMs" | "signal">,
    parse: (body: unknown, status: number) => Parsed<T>,
    retries: number,
    signal?: AbortSignal,
  ): Promise<{ value: T; attempts: number; latencyMs: number; status: number }> {
    for (let attempt = 1; ; attempt++) {
      const limit = attemptTimeoutMs(attempt);
      const outcome = await limiter.run(() => sendOnce(transport, url, init, limit, signal));
      let f: AttemptFailure;
      if (outcome.ok) {
        const parsed = parse(outcome.body, outcome.status);
        if (parsed.ok) return { value: parsed.value, attempts: attempt, latencyMs: outcome.latencyMs, status: outcome.status };
        f = parsed.failure;
      } else {
        f = outcome.failure;
      }
      if (!f.retryable || attempt > retries) throw toError(f, attempt);
      await sleep(retryDelay(attempt - 1, f.retryAfterMs, policy, random), signal);
    }
  }

  async function chatWith(req: ChatRequest, retries: number, signal?: AbortSignal): Promise<ChatResult> {
    const body = JSON.stringify({ model, messages: req.messages, ...req.params, stream: false });
    const init = { method: "POST", headers, body, maxBodyBytes } as const;
    const { value, attempts, latencyMs } = await withRetries(chatUrl, init, parseChatBody, retries, signal);
    return { ...value, text: redact(value.text), latencyMs: Math.round(latencyMs * 10) / 10, attempts };
  }

  /** The form vLLM serves: the prompt echoed with its token log-probabilities, one token generated at most. */
  async function promptLogprobs(text: string, signal?: AbortSignal): Promise<PromptLogprobs> {
    const body = JSON.stringify({ model, prompt: text, echo: true, logprobs: 1, max_tokens: 1, temperature: 0, stream: false });
    const init = { method: "POST", headers, body, maxBodyBytes } as const;
    try {
      return (await withRetries(completionsUrl, init, (b, status) => parsePromptLogprobs(b, status, text), maxRetries, signal)).value;
    } catch (error) {
      // A server that refuses the request itself (no /completions, no echo) cannot score perplexity either.
      if (error instanceof ProviderError && (error.kind === "bad_request" || error.status === 404 || error.status === 422)) {
        throw new ProviderError(`${REFUSED_PROMPT_LOGPROBS}: ${error.message}`, {
          kind: error.kind,
          status: error.status,
          retryable: false,
          attempts: error.attempts,
        });
      }
      throw error;
    }
  }

  async function listWith(retries: number): Promise<string[]> {
    return (await withRetries(modelsUrl, { method: "GET", headers, maxBodyBytes }, parseModelList, retries)).value.map(redact);
  }

  async function testConnection(): Promise<ConnectionCheck> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const retries = Math.min(1, maxRetries);
    let models: string[] | undefined;
    try {
      models = await listWith(retries);
    } catch (err) {
      // Some hosted APIs have no /models; only a key problem settles the question here.
      if (err instanceof ProviderError && err.kind === "auth") {
        return { ok: false, status: err.status, error: err.message, latencyMs: elapsed() };
      }
    }
    try {
      const result = await chatWith(CONNECTION_PROBE, retries);
      return { ok: true, status: 200, models, sample: result.text.slice(0, 200), latencyMs: elapsed() };
    } catch (err) {
      const status = err instanceof ProviderError ? err.status : undefined;
      const error = redact(err instanceof Error ? err.message : String(err));
      return { ok: false, status, models, error, latencyMs: elapsed() };
    }
  }

  return {
    chat: (req, signal) => chatWith(req, maxRetries, signal),
    listModels: () => listWith(maxRetries),
    promptLogprobs,
    testConnection,
  };
}
