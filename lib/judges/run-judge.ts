import type { Db } from "@/lib/db/client";
import { insertJudgeJudgement, listJudgeableItems, listJudgeJudgements, type JudgeJudgement } from "@/lib/db/queries/judgements";
import type { ChatMessage } from "@/lib/suites/types";
import { parsePairwise, parsePointwise } from "./parse";
import { pairwisePrompt, pointwisePrompt, questionOf } from "./prompts";

export type JudgeMode = "pointwise" | "pairwise";

export interface JudgeJob {
  judgeModelId: string;
  /** Pointwise: each run is graded on its own. Pairwise: every pair of these runs, on the items they share. */
  runIds: string[];
  mode: JudgeMode;
  /** Grade at most this many items per run (or per pair), in suite order. */
  maxItems?: number;
}

/** Sends one prompt to the judge model and answers its text; throws on transport failure. */
export type JudgeChat = (messages: ChatMessage[], signal?: AbortSignal) => Promise<string>;

export interface JudgeOutcome {
  /** Verdicts stored now (readable or recorded as unreadable). */
  judged: number;
  /** Stored replies that held no verdict. */
  unreadable: number;
  /** Already judged before: skipped, so a stopped job resumes where it was. */
  skipped: number;
  /** Requests that failed (network, server): nothing stored, tried again next time. */
  failed: number;
}

interface Work {
  key: string;
  run: () => Promise<"judged" | "unreadable">;
}

const pointwiseKey = (itemId: string, runId: string) => `p\u0000${itemId}\u0000${runId}`;
const pairKey = (itemId: string, runA: string, runB: string, left: string) => `w\u0000${itemId}\u0000${runA}\u0000${runB}\u0000${left}`;

function doneKeys(existing: readonly JudgeJudgement[]): Set<string> {
  return new Set(
    existing.map((j) =>
      j.runBId === null ? pointwiseKey(j.itemId, j.runAId) : pairKey(j.itemId, j.runAId, j.runBId, j.leftRunId ?? j.runAId),
    ),
  );
}

/**
 * Grades runs' answers with a judge model and stores each verdict as a `judge` judgement. Pairwise asks both
 * orders (each run once on the left) to cancel position bias. Resumable: what this judge already judged is
 * skipped. `concurrency` prompts are in flight at once.
 */
export async function runJudge(
  db: Db,
  job: JudgeJob,
  { chat, concurrency = 4, signal }: { chat: JudgeChat; concurrency?: number; signal?: AbortSignal },
): Promise<JudgeOutcome> {
  const runIds = [...new Set(job.runIds)].sort();
  const existing = doneKeys(await listJudgeJudgements(db, { judgeModelId: job.judgeModelId, runIds }));
  const items = new Map(await Promise.all(runIds.map(async (id) => [id, await listJudgeableItems(db, { runId: id })] as const)));
  const limit = job.maxItems ?? Number.POSITIVE_INFINITY;
  const work: Work[] = [];

  if (job.mode === "pointwise") {
    for (const runId of runIds) {
      for (const item of items.get(runId)!.slice(0, limit)) {
        work.push({
          key: pointwiseKey(item.itemId, runId),
          run: async () => {
            const reply = await chat(pointwisePrompt(questionOf(item.input), item.answer ?? ""), signal);
            const parsed = parsePointwise(reply);
            await insertJudgeJudgement(db, {
              judgeModelId: job.judgeModelId,
              itemId: item.itemId,
              runAId: runId,
              ratedRunId: runId,
              correctness: parsed.ok ? parsed.value.correctness : null,
              safety: parsed.ok ? parsed.value.safety : null,
              error: parsed.ok ? null : parsed.error,
            });
            return parsed.ok ? "judged" : "unreadable";
          },
        });
      }
    }
  } else {
    for (let i = 0; i < runIds.length; i++) {
      for (let j = i + 1; j < runIds.length; j++) {
        const [runA, runB] = [runIds[i], runIds[j]];
        const answersB = new Map(items.get(runB)!.map((it) => [it.itemId, it.answer ?? ""]));
        const shared = items.get(runA)!.filter((it) => answersB.has(it.itemId)).slice(0, limit);
        for (const item of shared) {
          const answer = { [runA]: item.answer ?? "", [runB]: answersB.get(item.itemId)! };
          for (const left of [runA, runB]) {
            const right = left === runA ? runB : runA;
            work.push({
              key: pairKey(item.itemId, runA, runB, left),
              run: async () => {
                const reply = await chat(pairwisePrompt(questionOf(item.input), answer[left], answer[right]), signal);
                const parsed = parsePairwise(reply);
                const pickedLeft = parsed.ok && parsed.value === "A";
                const choice = !parsed.ok ? null : parsed.value === "tie" ? "tie" : pickedLeft === (left === runA) ? "a" : "b";
                await insertJudgeJudgement(db, {
                  judgeModelId: job.judgeModelId,
                  itemId: item.itemId,
                  runAId: runA,
                  runBId: runB,
                  leftRunId: left,
                  choice,
                  error: parsed.ok ? null : parsed.error,
                });
                return parsed.ok ? "judged" : "unreadable";
              },
            });
          }
        }
      }
    }
  }

  const outcome: JudgeOutcome = { judged: 0, unreadable: 0, skipped: 0, failed: 0 };
  const todo = work.filter((w) => {
    if (!existing.has(w.key)) return true;
    outcome.skipped += 1;
    return false;
  });
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !signal?.aborted) {
      const w = todo[next++];
      try {
        const result = await w.run();
        outcome.judged += 1;
        if (result === "unreadable") outcome.unreadable += 1;
      } catch {
        if (signal?.aborted) return;
        outcome.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return outcome;
}
