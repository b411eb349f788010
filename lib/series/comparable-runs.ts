/** What choosing comparable runs needs to know of a run; `settingsKey` is equal for runs measured alike. */
export interface RunRef {
  id: string;
  modelId: string;
  suiteId: string;
  settingsKey: string;
}

export interface SuiteChoice<R extends RunRef> {
  suiteId: string;
  settingsKey: string;
  /** Per member (model id): its newest run of the suite under these settings. */
  byMember: Map<string, R>;
  /** Members with runs of the suite only under other settings: shown, never compared. */
  otherSettings: Map<string, R>;
}

/**
 * Per suite, the settings most members were measured under (ties: the settings of the newest run), and each
 * member's newest run under them. `runs` come newest first. Runs under other settings are kept apart, so a
 * difference is only ever taken between runs of the same suite version and settings.
 */
export function chooseComparableRuns<R extends RunRef>(memberIds: readonly string[], runs: readonly R[]): SuiteChoice<R>[] {
  const members = new Set(memberIds);
  const bySuite = new Map<string, R[]>();
  for (const run of runs) {
    if (!members.has(run.modelId)) continue;
    const list = bySuite.get(run.suiteId) ?? [];
    list.push(run);
    bySuite.set(run.suiteId, list);
  }
  const out: SuiteChoice<R>[] = [];
  for (const [suiteId, list] of bySuite) {
    const coverage = new Map<string, Set<string>>();
    for (const run of list) {
      const covered = coverage.get(run.settingsKey) ?? new Set();
      covered.add(run.modelId);
      coverage.set(run.settingsKey, covered);
    }
    // Map iteration follows insertion, i.e. newest run first: a strict > keeps the newest settings on a tie.
    let settingsKey = list[0].settingsKey;
    for (const [key, covered] of coverage) if (covered.size > coverage.get(settingsKey)!.size) settingsKey = key;
    const byMember = new Map<string, R>();
    const otherSettings = new Map<string, R>();
    for (const run of list) {
      if (run.settingsKey === settingsKey) {
        if (!byMember.has(run.modelId)) byMember.set(run.modelId, run);
      } else if (!otherSettings.has(run.modelId)) otherSettings.set(run.modelId, run);
    }
    for (const id of byMember.keys()) otherSettings.delete(id);
    out.push({ suiteId, settingsKey, byMember, otherSettings });
  }
  return out;
}

export type StageGap = "no_run" | "other_settings";

export interface StageStep {
  /** Stage index this stage's run is compared against: the nearest earlier stage with a comparable run. */
  against: number | null;
  /** Why this stage has no comparable run of the suite. */
  gap: StageGap | null;
}

/** For one suite, which earlier stage each stage is compared with, or why it cannot be. */
export function planStageSteps<R extends RunRef>(stageModelIds: readonly string[], choice: SuiteChoice<R>): StageStep[] {
  let previous: number | null = null;
  return stageModelIds.map((modelId, i) => {
    if (!choice.byMember.has(modelId)) {
      return { against: null, gap: choice.otherSettings.has(modelId) ? "other_settings" : "no_run" };
    }
    const step = { against: previous, gap: null };
    previous = i;
    return step;
  });
}

export type Verdict = "better" | "worse" | "changed" | "no_difference";

/**
 * Significant at the 5% level; "better" reads the difference in the metric's own direction. A metric without
 * one (`null`: a scale's item mean, where reverse-keyed items make "higher" mean nothing by itself) only "changed".
 */
export function verdict(difference: number, pValue: number, lowerIsBetter: boolean | null): Verdict {
  if (!(pValue < 0.05) || difference === 0) return "no_difference";
  if (lowerIsBetter === null) return "changed";
  return difference > 0 !== lowerIsBetter ? "better" : "worse";
}
