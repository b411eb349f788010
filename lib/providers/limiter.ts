export interface Limiter {
  run<T>(fn: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly pending: number;
}

/** FIFO concurrency cap. A finishing task hands its slot straight to the next waiter. */
export function createLimiter(concurrency: number): Limiter {
  if (!(concurrency >= 1)) throw new RangeError(`concurrency must be at least 1, got ${concurrency}`);
  let active = 0;
  // Array plus head index: Array#shift is O(n) once the queue is large.
  let queue: (() => void)[] = [];
  let head = 0;

  const release = () => {
    if (head === queue.length) {
      active--;
      return;
    }
    const next = queue[head++];
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head >= 1024 && head * 2 >= queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    next();
  };

  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (active < concurrency) active++;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get pending() {
      return queue.length - head;
    },
  };
}
