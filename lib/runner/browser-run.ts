import type { Db } from "@/lib/db/client";
import { listAnswerableRunItems, setRunDevice } from "@/lib/db/queries/browser-runs";
import { releaseOwnersLeases } from "@/lib/db/queries/leases";
import { claimRunItems, extendLeases, getRunProgress, type RunProgress, saveItemResults } from "@/lib/db/queries/run-items";
import { getRun, setRunStatus } from "@/lib/db/queries/runs";
import type { Model, Run } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { RunStatus } from "@/lib/run-status";
import type { SuiteContext } from "@/lib/tasks/context";
import type { PreparedPrompt } from "@/lib/tasks/types";
import type { BrowserAnswer, DeviceStats } from "@/lib/validation/browser";
import { finalizeRun } from "./execute-run";
import { completeItem, prepareItem } from "./item-pipeline";
import { loadRunContext, savePartialResults } from "./run-context";

/** A tab holds its items this long past its last claim or heartbeat: a closed tab's items return to the queue. */
export const BROWSER_LEASE_SECONDS = 30;

/** One item for the browser to generate: the prompt exactly as a server runner would send it. */
export interface BrowserWorkItem extends PreparedPrompt {
  id: number;
}

export interface BrowserRunState {
  status: RunStatus;
  progress: RunProgress;
}

export const browserOwner = (tab: string) => `browser-${tab}`;

// A run's context (its items, few-shot examples, scale) is the same for every claim of it: built once a while.
const contexts = new Map<string, { model: Model; ctx: SuiteContext; at: number }>();
const CONTEXT_TTL_MS = 5 * 60_000;

async function browserRunContext(db: Db, runId: string): Promise<{ run: Run; model: Model; ctx: SuiteContext }> {
  const run = await getRun(db, { id: runId });
  if (!run) throw new AppError("no such run", 404, undefined, "not_found");
  const cached = contexts.get(runId);
  if (cached && Date.now() - cached.at < CONTEXT_TTL_MS) return { run, model: cached.model, ctx: cached.ctx };
  const { model, ctx } = await loadRunContext(db, run);
  if (model.provider !== "browser") throw new AppError(`run ${runId} is not a browser model's run`, 409, undefined, "not_browser_run");
  if (contexts.size >= 16) contexts.delete(contexts.keys().next().value!);
  contexts.set(runId, { model, ctx, at: Date.now() });
  return { run, model, ctx };
}

/**
 * A tab's claim: renews the leases it holds, leases up to `limit` more items and returns their prompts. A
 * queued run starts here (no server runner ever takes a browser run); one with nothing left is aggregated.
 */
export async function claimBrowserItems(
  db: Db,
  { runId, tab, limit, leaseSeconds = BROWSER_LEASE_SECONDS }: { runId: string; tab: string; limit: number; leaseSeconds?: number },
): Promise<BrowserRunState & { items: BrowserWorkItem[] }> {
  const { run, model, ctx } = await browserRunContext(db, runId);
  if (run.status !== "queued" && run.status !== "running") {
    return { status: run.status, progress: await getRunProgress(db, { runId }), items: [] };
  }
  const owner = browserOwner(tab);
  if (run.status === "queued") await setRunStatus(db, { id: runId, status: "running", from: ["queued"], error: null });
  await extendLeases(db, { runId, owner, leaseSeconds });
  const claimed = limit > 0 ? await claimRunItems(db, { runId, owner, limit, leaseSeconds }) : [];
  const items: BrowserWorkItem[] = [];
  const unpreparable = [];
  for (const c of claimed) {
    const prepared = prepareItem(ctx, c, { modelParams: model.params, endpoint: null });
    if ("error" in prepared.request) unpreparable.push(completeItem(ctx, prepared, { error: prepared.request.error }).result);
    else items.push({ id: c.id, ...prepared.request });
  }
  if (unpreparable.length > 0) await saveItemResults(db, { owner, results: unpreparable });
  return { ...(await settle(db, ctx, runId)), items };
}

/**
 * Parses, scores and stores a tab's answers with the server runner's own code (completeItem). An answer is taken
 * while its item is unfinished, even when its lease has passed to another tab; a second answer for an item is
 * ignored, so nothing is counted twice. Answers for items of other runs or never claimed are ignored too.
 */
export async function acceptBrowserAnswers(
  db: Db,
  { runId, tab, answers, device }: { runId: string; tab: string; answers: BrowserAnswer[]; device?: DeviceStats },
): Promise<BrowserRunState & { accepted: number; ignored: number }> {
  const { model, ctx } = await browserRunContext(db, runId);
  const open = new Map((await listAnswerableRunItems(db, { runId, ids: answers.map((a) => a.id) })).map((c) => [c.id, c]));
  const results = [];
  const seen = new Set<number>();
  for (const answer of answers) {
    const claimed = open.get(answer.id);
    if (!claimed || seen.has(answer.id)) continue;
    seen.add(answer.id);
    const prepared = prepareItem(ctx, claimed, { modelParams: model.params, endpoint: null });
    const completed = completeItem(
      ctx,
      prepared,
      "error" in answer
        ? { error: answer.error }
        : {
            cached: false,
            response: {
              text: answer.text,
              finishReason: null,
              promptTokens: answer.promptTokens,
              completionTokens: answer.completionTokens,
              latencyMs: answer.latencyMs,
              ...(answer.topLogprobs ? { topLogprobs: answer.topLogprobs } : {}),
              attempts: 1,
            },
          },
    );
    results.push(completed.result);
  }
  const accepted = await saveItemResults(db, { owner: browserOwner(tab), results });
  if (device) await setRunDevice(db, { id: runId, device });
  const state = await settle(db, ctx, runId);
  // Answers that arrive after a cancel count in the run's partial results, as a server runner's last writes do.
  if (state.status === "cancelled" && accepted > 0) await savePartialResults(db, runId);
  return { ...state, accepted, ignored: answers.length - accepted };
}

/** A closing tab's items go back to the queue now rather than when their leases lapse. */
export async function releaseBrowserItems(db: Db, { runId, tab }: { runId: string; tab: string }): Promise<number> {
  return releaseOwnersLeases(db, { runId, owners: [browserOwner(tab)] });
}

/** The run's state after a claim or an answer; the answer that finished its queue aggregates it. */
async function settle(db: Db, ctx: SuiteContext, runId: string): Promise<BrowserRunState> {
  let progress = await getRunProgress(db, { runId });
  const run = await getRun(db, { id: runId });
  if (run?.status === "running" && progress.pending + progress.running === 0) {
    await finalizeRun(db, ctx, runId);
    contexts.delete(runId);
    progress = await getRunProgress(db, { runId });
    return { status: (await getRun(db, { id: runId }))?.status ?? "running", progress };
  }
  return { status: run?.status ?? "running", progress };
}
