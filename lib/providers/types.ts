import type { ChatMessage } from "@/lib/suites/types";

/** Sent as-is in the OpenAI request body (snake_case on purpose); undefined fields are left out. */
export interface DecodingParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string | string[];
  logprobs?: boolean;
  top_logprobs?: number;
}

export interface ChatRequest {
  messages: ChatMessage[];
  params: DecodingParams;
  /**
   * With params.logprobs: the option labels or scale points whose first-token logprobs the answer mode reads. A
   * provider that computes logprobs itself (onnx-local, the browser) reports each even outside the top ones;
   * an OpenAI-compatible server is not sent them.
   */
  logprobLabels?: string[];
}

export interface TokenLogprob {
  token: string;
  logprob: number;
}

export interface ChatResult {
  text: string;
  finishReason: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  /** Duration of the attempt that succeeded (not queueing or backoff). */
  latencyMs: number;
  /** Alternatives at the first generated token, when logprobs were requested. */
  topLogprobs?: TokenLogprob[];
  attempts: number;
}

export type ProviderErrorKind =
  | "rate_limit"
  | "server_error"
  | "network"
  | "timeout"
  | "malformed"
  | "empty"
  | "auth"
  | "bad_request"
  | "too_large";

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly retryable: boolean;
  readonly attempts: number;

  constructor(message: string, details: { kind: ProviderErrorKind; status?: number; retryable: boolean; attempts: number }) {
    super(message);
    this.name = "ProviderError";
    this.kind = details.kind;
    if (details.status !== undefined) this.status = details.status;
    this.retryable = details.retryable;
    this.attempts = details.attempts;
  }
}

export interface ConnectionCheck {
  ok: boolean;
  status?: number;
  models?: string[];
  sample?: string;
  error?: string;
  latencyMs: number;
}

/** A text's tokens as the model scores it: log-probability of each given the ones before (null for the first). */
export interface PromptLogprobs {
  tokens: string[];
  logprobs: (number | null)[];
  /** Character (code point) offset of each token in the text. */
  offsets: number[];
}

export interface ChatProvider {
  chat(req: ChatRequest, signal?: AbortSignal): Promise<ChatResult>;
  /** Log-probabilities of a text's own tokens (perplexity); absent where the provider cannot give them. */
  promptLogprobs?(text: string, signal?: AbortSignal): Promise<PromptLogprobs>;
  listModels(): Promise<string[]>;
  testConnection(): Promise<ConnectionCheck>;
}
