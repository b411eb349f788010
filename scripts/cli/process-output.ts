import type { ChildProcess } from "node:child_process";

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output as it arrives; `exited` resolves when it ends, killing it after `timeoutMs`. */
export function watchChild(child: ChildProcess, { timeoutMs = 30_000 }: { timeoutMs?: number } = {}) {
  const out = { stdout: "", stderr: "" };
  child.stdout?.on("data", (d) => {
    out.stdout += d;
  });
  child.stderr?.on("data", (d) => {
    out.stderr += d;
  });
  const exited = new Promise<Finished>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ...out });
    });
  });
  return { out, exited };
}

/** Resolves once `test` holds for the output so far (polled), or rejects after `timeoutMs`. */
export async function waitFor(test: () => boolean | Promise<boolean>, { timeoutMs = 20_000, everyMs = 20 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
