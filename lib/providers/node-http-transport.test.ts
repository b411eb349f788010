import { describe, expect, it } from "vitest";
import { whenAborted } from "./node-http-transport";

describe("whenAborted", () => {
  it("calls every subscriber still waiting when the signal aborts, once", () => {
    const controller = new AbortController();
    const calls: string[] = [];
    whenAborted(controller.signal, () => calls.push("a"));
    const unsubscribeB = whenAborted(controller.signal, () => calls.push("b"));
    whenAborted(controller.signal, () => calls.push("c"));
    unsubscribeB();
    controller.abort();
    controller.abort();
    expect(calls).toEqual(["a", "c"]);
  });

  it("keeps one listener on the signal however many requests wait on it", () => {
    const controller = new AbortController();
    let added = 0;
    const addEventListener = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof addEventListener>) => {
      added++;
      addEventListener(...args);
    }) as typeof controller.signal.addEventListener;
    const unsubscribes = Array.from({ length: 100 }, () => whenAborted(controller.signal, () => {}));
    for (const unsubscribe of unsubscribes) unsubscribe();
    let called = false;
    whenAborted(controller.signal, () => {
      called = true;
    });
    controller.abort();
    expect(added).toBe(1);
    expect(called).toBe(true);
  });
});
