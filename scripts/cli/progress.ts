import { formatDuration } from "./table";

export interface ProgressState {
  total: number;
  finished: number;
  errors: number;
  unparsed: number;
  itemsPerSecond: number;
  etaSeconds: number | null;
}

export interface ProgressReporter {
  update(state: ProgressState): void;
  /** Draws the last state (when it changed since the last line) and ends the line. */
  end(): void;
}

const BAR = 24;

export function formatProgress(s: ProgressState, { bar }: { bar: boolean }): string {
  const fraction = s.total > 0 ? s.finished / s.total : 0;
  const filled = Math.round(fraction * BAR);
  const parts = [
    ...(bar ? [`[${"#".repeat(filled)}${"-".repeat(BAR - filled)}]`] : []),
    `${s.finished}/${s.total}`,
    `${Math.floor(fraction * 100)}%`,
    `errors ${s.errors}`,
    `unparsed ${s.unparsed}`,
    `${s.itemsPerSecond.toFixed(1)} items/s`,
    `ETA ${s.etaSeconds === null ? "?" : formatDuration(s.etaSeconds)}`,
  ];
  return parts.join("  ");
}

/**
 * On a terminal the bar is redrawn in place at most `maxPerSecond` times a second; elsewhere (a log, CI) a
 * plain line is written every `lineEveryMs`.
 */
export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  { maxPerSecond = 10, lineEveryMs = 5000, now = () => Date.now() }: { maxPerSecond?: number; lineEveryMs?: number; now?: () => number } = {},
): ProgressReporter {
  const tty = stream.isTTY === true;
  const gap = tty ? 1000 / maxPerSecond : lineEveryMs;
  let last: ProgressState | null = null;
  let drawn: string | null = null;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const draw = () => {
    if (!last) return;
    const text = formatProgress(last, { bar: tty });
    if (text === drawn && !tty) return;
    drawn = text;
    drawnAt = now();
    stream.write(tty ? `\r${text}\x1b[K` : `${text}\n`);
  };
  return {
    update(state) {
      last = state;
      if (now() - drawnAt >= gap) draw();
    },
    end() {
      if (last && formatProgress(last, { bar: tty }) !== drawn) draw();
      if (tty && drawn !== null) stream.write("\n");
    },
  };
}
