/** How long a stopping process may take to hand back what it holds before it quits anyway. */
export const DEFAULT_STOP_GRACE_MS = 5_000;

export interface StopSignals {
  /** Aborted by the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM. */
  exitCode(): number;
}

/**
 * The first SIGINT/SIGTERM aborts `signal` so the process can hand back its leases, and arms a timer that quits
 * after `graceMs` whatever is still pending (a database that stopped answering must not hold the process);
 * a second signal quits at once.
 */
export function handleStopSignals({
  graceMs = Number(process.env.CHIMED_STOP_GRACE_MS) || DEFAULT_STOP_GRACE_MS,
  log,
  onStop,
}: {
  graceMs?: number;
  log: (line: string) => void;
  onStop?: (signal: NodeJS.Signals) => void;
}): StopSignals {
  const stopper = new AbortController();
  let code = 130;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopper.signal.aborted) process.exit(code);
    code = signal === "SIGINT" ? 130 : 143;
    onStop?.(signal);
    stopper.abort();
    setTimeout(() => {
      log(`still stopping after ${graceMs / 1000} s; quitting (what was not handed back is freed when its lease ends)`);
      process.exit(code);
    }, graceMs).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { signal: stopper.signal, exitCode: () => code };
}
