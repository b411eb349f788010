/** Which run fills a leaderboard cell when several runs share (model, suite, settings). */
export const FILL_RULES = ["latest", "best", "pinned"] as const;
export type FillRule = (typeof FILL_RULES)[number];
