"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type SaveState = "idle" | "saving" | "retrying" | "offline" | { refused: string };

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
const storageKey = (token: string) => `chimed-rate-pending:${token.slice(0, 12)}`;

/**
 * Sends each answer as soon as it is given, keyed by task id (the server stores one row per task however often
 * a request is repeated). Pending answers survive a refresh in localStorage; dropped connections are retried
 * with backoff, and being offline waits for the browser's "online" event.
 */
export function useSaveQueue(token: string) {
  const pending = useRef(new Map<string, unknown>());
  const running = useRef(false);
  const [state, setState] = useState<SaveState>("idle");

  const persist = useCallback(() => {
    try {
      localStorage.setItem(storageKey(token), JSON.stringify([...pending.current]));
    } catch {}
  }, [token]);

  const drain = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      let attempt = 0;
      while (pending.current.size > 0) {
        const [taskId, body] = pending.current.entries().next().value as [string, unknown];
        if (typeof navigator !== "undefined" && !navigator.onLine) {
          setState("offline");
          await new Promise<void>((resolve) => window.addEventListener("online", () => resolve(), { once: true }));
          continue;
        }
        setState(attempt === 0 ? "saving" : "retrying");
        let response: Response | null = null;
        try {
          response = await fetch(`/api/rate/${encodeURIComponent(token)}/answers/${taskId}`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
        } catch {
          response = null;
        }
        if (response?.ok || (response && response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status))) {
          if (pending.current.get(taskId) === body) pending.current.delete(taskId);
          persist();
          attempt = 0;
          if (response && !response.ok) {
            const error = (await response.json().catch(() => null))?.error ?? String(response.status);
            setState({ refused: error });
            return;
          }
          continue;
        }
        await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]));
        attempt++;
      }
      setState("idle");
    } finally {
      running.current = false;
    }
  }, [persist, token]);

  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey(token)) ?? "[]") as [string, unknown][];
      for (const [taskId, body] of saved) if (!pending.current.has(taskId)) pending.current.set(taskId, body);
    } catch {}
    if (pending.current.size > 0) void drain();
  }, [drain, token]);

  const save = useCallback(
    (taskId: string, body: unknown) => {
      pending.current.delete(taskId);
      pending.current.set(taskId, body);
      persist();
      void drain();
    },
    [drain, persist],
  );

  return { save, state, pendingCount: () => pending.current.size };
}
