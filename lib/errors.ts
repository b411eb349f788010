const codeByStatus: Record<number, string> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "unavailable",
};

/** An error meant for the caller: its message is shown as is, with its status and a machine-readable code. */
export class AppError extends Error {
  readonly code: string;

  constructor(
    message: string,
    readonly status: number = 400,
    readonly details?: unknown,
    code?: string,
  ) {
    super(message);
    this.name = "AppError";
    this.code = code ?? codeByStatus[status] ?? "error";
  }
}
