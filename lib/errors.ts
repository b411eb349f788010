import { z } from "zod";

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/**
 * Turns any thrown value into a JSON response. AppErrors carry a message meant for users; anything else
 * is logged here, once, with its cause, and the client gets a generic message.
 */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: error.message, details: error.details }, { status: error.status });
  }
  if (error instanceof z.ZodError) {
    return Response.json({ error: z.prettifyError(error), issues: error.issues }, { status: 400 });
  }
  console.error("[chimed] internal error", error);
  return Response.json({ error: "Internal error" }, { status: 500 });
}
