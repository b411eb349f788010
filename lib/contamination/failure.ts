/**
 * Why an index build failed, as a kind the UI translates, with an optional detail (the corpus line at fault, or
 * the builder's own error, which stays in English like every other API message).
 */
export const CONTAMINATION_FAILURES = ["refused", "build", "unrecorded", "abandoned"] as const;
export type ContaminationFailure = (typeof CONTAMINATION_FAILURES)[number];

const sentences: Record<ContaminationFailure, string> = {
  refused: "corpus refused",
  build: "the index could not be built",
  unrecorded: "the build could not be recorded",
  abandoned: "the server stopped while this index was being built: upload the corpus again",
};

/** The failure in one English sentence, for API messages and the command line. */
export function failureSentence(kind: ContaminationFailure | null, detail: string | null): string {
  if (!kind) return detail ?? "no reason recorded";
  return detail ? `${sentences[kind]}: ${detail}` : sentences[kind];
}
