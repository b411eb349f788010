import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Deployment-wide limits on what one request can make the server do to a model server (the API applies them). */
export interface Caps {
  maxConcurrency: number;
  maxRunItems: number;
}

export function deploymentCaps(): Caps {
  return { maxConcurrency: env.CHIMED_MAX_CONCURRENCY, maxRunItems: env.CHIMED_MAX_RUN_ITEMS };
}

export function checkConcurrency(concurrency: number | null | undefined, caps: Caps): void {
  if (concurrency != null && concurrency > caps.maxConcurrency) {
    throw new AppError(
      `concurrency ${concurrency} is above this deployment's cap of ${caps.maxConcurrency} (CHIMED_MAX_CONCURRENCY)`,
      400,
      { cap: caps.maxConcurrency },
      "cap_exceeded",
    );
  }
}

export function checkRunSize(requests: number, caps: Caps): void {
  if (requests > caps.maxRunItems) {
    throw new AppError(
      `this run would queue ${requests} requests (items × samples), above this deployment's cap of ${caps.maxRunItems} (CHIMED_MAX_RUN_ITEMS); use a limit or fewer samples`,
      400,
      { cap: caps.maxRunItems, requests },
      "cap_exceeded",
    );
  }
}
