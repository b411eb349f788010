/** What a share link can point at; the contract. */
export const shareKinds = ["run", "audit", "comparison", "model", "leaderboard"] as const;
export type ShareKind = (typeof shareKinds)[number];

/** Kinds whose shared page is built here; the others are refused at creation until their page exists. */
export const shareableKinds: readonly ShareKind[] = ["run", "audit"];
