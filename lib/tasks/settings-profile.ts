/**
 * Which frozen settings make two runs of one suite incomparable on the leaderboard. Runs that differ in any of
 * these (or in the suite's dataset version) fill different cells and never share a rank. Pure: the SQL in
 * lib/db/queries/leaderboard.ts builds the same profile string from the same list.
 */
export const COMPARABLE_SETTINGS = ["shots", "template", "answerMode", "tokenizer", "key", "contextChars", "strideChars"] as const;
export type ComparableSetting = (typeof COMPARABLE_SETTINGS)[number];
export type SettingsProfile = Record<ComparableSetting, string>;

/**
 * What the paper's protocol used: a measured row with other settings is marked. The perplexity windows are the
 * task's defaults (DEFAULT_CONTEXT_CHARS / DEFAULT_STRIDE_CHARS), so runs of other kinds, which store none, keep them.
 */
export const PROTOCOL_PROFILE: SettingsProfile = {
  shots: "0",
  template: "paper",
  answerMode: "text",
  tokenizer: "char",
  key: "stigma",
  contextChars: "1024",
  strideChars: "512",
};

/** The profile of a run's frozen settings; absent fields are read as the defaults resolveSettings fills in. */
export function settingsProfile(settings: Record<string, unknown> | null | undefined): SettingsProfile {
  const read = (name: ComparableSetting) => {
    const value = settings?.[name];
    return value === undefined || value === null ? PROTOCOL_PROFILE[name] : String(value);
  };
  return Object.fromEntries(COMPARABLE_SETTINGS.map((name) => [name, read(name)])) as SettingsProfile;
}

/** The profile as one string, the way the SQL query joins it: the row key of a model's settings. */
export const profileKey = (profile: SettingsProfile) => COMPARABLE_SETTINGS.map((name) => profile[name]).join("|");

export function profileFromKey(key: string): SettingsProfile {
  const parts = key.split("|");
  return Object.fromEntries(COMPARABLE_SETTINGS.map((name, i) => [name, parts[i] ?? PROTOCOL_PROFILE[name]])) as SettingsProfile;
}

/** The settings in which a profile departs from the paper's protocol, for the mark beside a row. */
export function differingSettings(profile: SettingsProfile): ComparableSetting[] {
  return COMPARABLE_SETTINGS.filter((name) => profile[name] !== PROTOCOL_PROFILE[name]);
}
