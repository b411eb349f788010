import { describe, expect, it } from "vitest";
import { createLimiter } from "./limiter";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createLimiter", () => {
  it("runs at most n tasks at once, in arrival order", async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      order.push(i);
      peak = Math.max(peak, ++running);
      await tick();
      running--;
      return i;
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.run(task(i))));
    expect(results).toEqual([...Array(20).keys()]);
    expect(order).toEqual([...Array(20).keys()]);
    expect(peak).toBe(3);
    expect([limiter.active, limiter.pending]).toEqual([0, 0]);
  });

  it("frees the slot when a task throws", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => "next")).toBe("next");
    expect(limiter.active).toBe(0);
  });

  // Its speed is in `npm run bench -- --units`.
  it("works through a long queue", async () => {
    const limiter = createLimiter(256);
    const all = Array.from({ length: 100_000 }, (_, i) => limiter.run(async () => i));
    expect(limiter.pending).toBe(100_000 - 256);
    expect((await Promise.all(all)).length).toBe(100_000);
    expect([limiter.active, limiter.pending]).toEqual([0, 0]);
  });

  it("rejects a concurrency below 1", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
