import type { ContaminationFailure } from "@/lib/validation/contamination";

// A failure is stored as a kind the pages translate and an optional detail (the corpus line at fault, or the
// builder's own error), which stays in English like every other API message.

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
