import { z } from "zod";
import { storableText } from "./text";

/** `POST /api/contamination?name=&n=&format=`: the corpus is the raw request body. */
export const corpusUploadQuery = z.object({
  name: storableText(200).min(1, "name the corpus"),
  n: z.coerce.number().int().min(4, "n must be at least 4").max(64, "n must be at most 64").default(13),
  format: z.enum(["jsonl", "text"]).default("jsonl"),
});

/** `GET /api/suites/<id>/contamination?index=<uuid>`. */
export const contaminationReportQuery = z.object({ index: z.string().uuid("index must be a contamination index id") });

/** `GET /api/suites/<id>/training-export?format=trl|llamafactory&part=data|dataset_info&split=test|dev|all`. */
export const trainingExportQuery = z.object({
  format: z.enum(["trl", "llamafactory"]),
  part: z.enum(["data", "dataset_info"]).default("data"),
  split: z.enum(["test", "dev", "all"]).default("all"),
});

/** Why an index build failed, as a kind the pages translate (see lib/contamination/failure.ts). */
export const CONTAMINATION_FAILURES = ["refused", "build", "unrecorded", "abandoned"] as const;
export type ContaminationFailure = (typeof CONTAMINATION_FAILURES)[number];
