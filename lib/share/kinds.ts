/** What a share link can point at; the contract. */
export const shareKinds = ["run", "audit", "comparison", "model", "leaderboard"] as const;
export type ShareKind = (typeof shareKinds)[number];

/** Kinds whose shared page is built here (all of them now); a kind missing here is refused at creation. */
export const shareableKinds: readonly ShareKind[] = shareKinds;
