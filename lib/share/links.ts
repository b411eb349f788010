import { z } from "zod";
import type { CallerLimit } from "@/lib/auth/caller-limits";
import type { Db } from "@/lib/db/client";
import { loadComparison } from "@/lib/compare/load";
import { getModel } from "@/lib/db/queries/models";
import { getRun } from "@/lib/db/queries/runs";
import { getSuite } from "@/lib/db/queries/suites";
import { countShareView, insertShareLink, listShareLinksBy, lookupShareByHash, revokeShareLink } from "@/lib/db/queries/shares";
import type { ShareLink } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { storableText } from "@/lib/validation/text";
import { type ShareKind, shareableKinds, shareKinds } from "./kinds";
import { comparisonTarget, leaderboardFiltersOf, modelTarget } from "./targets";
import { MAX_COMPARED_RUNS } from "@/lib/validation/compare";
import { hashShareToken, MAX_TOKEN_CHARS, newShareToken } from "./token";

const MAX_EXPIRY_DAYS = 3650;

/** Making links: each is a new way into a result, so a runaway script cannot mint them without end. */
export const SHARE_CREATION_LIMIT: CallerLimit = { name: "share-create", max: 60, windowMs: 60_000 };

export const createShareBody = z
  .object({
    kind: z.enum(shareKinds),
    /** `{ runId }` for run and audit links, `{ runIds }` for a comparison, `{ modelId }`, `{ filters }` for a leaderboard view. */
    target: z.record(z.string().max(100), z.unknown()).refine((t) => JSON.stringify(t).length <= 4000, "target is too large"),
    includeItems: z.boolean().default(false),
    public: z.boolean().default(false),
    label: storableText(200).nullable().optional(),
    /** Days until the link stops working; absent or null: never. */
    expiresInDays: z.number().positive().max(MAX_EXPIRY_DAYS).nullable().optional(),
  })
  .strict();
export type CreateShareInput = z.infer<typeof createShareBody>;

/** The fields of a link its creator sees in their list (never the token: only its hash is kept). */
export interface ShareLinkSummary {
  id: string;
  kind: string;
  target: Record<string, unknown>;
  includeItems: boolean;
  public: boolean;
  label: string | null;
  viewCount: number;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  state: "live" | "expired" | "revoked";
}

export function summarizeShare(link: ShareLink, now: Date): ShareLinkSummary {
  const state = link.revokedAt ? "revoked" : link.expiresAt && link.expiresAt <= now ? "expired" : "live";
  return {
    id: link.id,
    kind: link.kind,
    target: link.target,
    includeItems: link.includeItems,
    public: link.public,
    label: link.label,
    viewCount: link.viewCount,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt?.toISOString() ?? null,
    revokedAt: link.revokedAt?.toISOString() ?? null,
    state,
  };
}

const runTarget = z.object({ runId: z.uuid() }).strict();

const badTarget = (message: string) => new AppError(`target: ${message}`, 400, undefined, "bad_target");

/** Why a comparison cannot be shared, in the words its page uses. */
const COMPARISON_REFUSALS: Record<string, string> = {
  too_few: "a comparison needs at least two runs",
  too_many: "too many runs for one comparison",
  different_suites: "the runs are of different suites",
  not_finished: "every compared run must be finished",
};

/**
 * The target, checked against what exists and normalised: a run link needs the run, an audit link a run of a
 * scale, a comparison link runs that make a valid comparison, a model link the model, a leaderboard link filters.
 */
async function validTarget(db: Db, kind: ShareKind, target: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (!shareableKinds.includes(kind)) {
    throw new AppError(`a ${kind} cannot be shared by link`, 422, undefined, "not_shareable");
  }
  if (kind === "comparison") {
    const parsed = comparisonTarget.safeParse(target);
    if (!parsed.success) throw badTarget(`a comparison link needs { "runIds": [2 to ${MAX_COMPARED_RUNS} run ids] }`);
    const runIds = [...new Set(parsed.data.runIds)];
    const result = await loadComparison(db, runIds, "en");
    if (!result.ok && result.code === "not_found") throw new AppError("target: no such run", 404, undefined, "not_found");
    if (!result.ok) throw badTarget(COMPARISON_REFUSALS[result.code] ?? result.code);
    return { runIds };
  }
  if (kind === "model") {
    const parsed = modelTarget.safeParse(target);
    if (!parsed.success) throw badTarget('a model link needs { "modelId": "<model id>" }');
    const model = await getModel(db, { id: parsed.data.modelId });
    if (!model) throw new AppError("target: no such model", 404, undefined, "not_found");
    return { modelId: model.id };
  }
  if (kind === "leaderboard") {
    const filters = leaderboardFiltersOf(target);
    if (!filters) throw badTarget('a leaderboard link needs { "filters": { task?, suite?, origin?, model?, fill?, sort?, dir? } }');
    return { filters };
  }
  const parsed = runTarget.safeParse(target);
  if (!parsed.success) throw badTarget(`a ${kind} link needs { "runId": "<run id>" }`);
  const run = await getRun(db, { id: parsed.data.runId });
  if (!run) throw new AppError("target: no such run", 404, undefined, "not_found");
  if (kind === "audit") {
    const suite = await getSuite(db, { id: run.suiteId });
    if (suite?.taskKind !== "scale") throw badTarget("an audit link needs a run of an attitude scale");
  }
  return { runId: run.id };
}

/** Makes a link; the raw token is returned here once and is never readable again. */
export async function createShare(
  db: Db,
  input: CreateShareInput,
  { createdBy, now = new Date() }: { createdBy: string | null; now?: Date },
): Promise<{ token: string; link: ShareLinkSummary }> {
  const target = await validTarget(db, input.kind, input.target);
  const token = newShareToken();
  const link = await insertShareLink(db, {
    tokenHash: hashShareToken(token),
    kind: input.kind,
    target,
    includeItems: input.includeItems,
    public: input.public,
    label: input.label?.trim() || null,
    createdBy,
    expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
  });
  return { token, link: summarizeShare(link, now) };
}

export interface LiveShare {
  id: string;
  kind: ShareKind;
  target: Record<string, unknown>;
  includeItems: boolean;
  public: boolean;
}

/**
 * The live link a token opens, else null: unknown, expired, revoked and malformed tokens all end here after the
 * same work (one hash, one query of the same shape), so neither the answer nor its timing tells them apart.
 */
export async function resolveShareToken(db: Db, token: string, now = new Date()): Promise<LiveShare | null> {
  const tokenHash = hashShareToken(token.slice(0, MAX_TOKEN_CHARS));
  const found = await lookupShareByHash(db, { tokenHash, now });
  if (!found.live || token.length > MAX_TOKEN_CHARS) return null;
  return { id: found.id!, kind: found.kind as ShareKind, target: found.target ?? {}, includeItems: found.includeItems === true, public: found.public === true };
}

/** Resolves a token for a reader and counts the view. */
export async function openShare(db: Db, token: string): Promise<LiveShare | null> {
  const share = await resolveShareToken(db, token);
  if (share) await countShareView(db, { id: share.id });
  return share;
}

export async function listMyShares(db: Db, { createdBy, now = new Date() }: { createdBy: string | null; now?: Date }) {
  return (await listShareLinksBy(db, { createdBy })).map((link) => summarizeShare(link, now));
}

export async function revokeShare(db: Db, { id, createdBy, now = new Date() }: { id: string; createdBy: string | null; now?: Date }) {
  const link = await revokeShareLink(db, { id, createdBy, now });
  if (!link) throw new AppError("no such share link of yours", 404, undefined, "not_found");
  return summarizeShare(link, now);
}
