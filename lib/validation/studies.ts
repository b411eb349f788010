import { z } from "zod";
import { scaleOptionOrders } from "@/lib/suites/prompts/scale";
import { nameText, storableText } from "./text";

const uuid = z.string().uuid();

export const studyBody = z.object({
  title: nameText(200),
  language: z.enum(["en", "zh-CN"]),
  consentText: z.string().trim().min(1).pipe(storableText(5000)),
  scaleSuiteIds: z.array(z.string().min(1).max(100)).max(5).default([]),
  runIds: z.array(uuid).max(10).default([]),
  optionOrder: z.enum(scaleOptionOrders).default("published"),
  itemsPerRater: z.number().int().min(1).max(500),
  ratersPerPair: z.number().int().min(2).max(50).default(2),
  deadline: z.string().datetime({ offset: true }).nullish(),
});
export type StudyBody = z.infer<typeof studyBody>;

export const studyPatchBody = z.object({ status: z.literal("closed") });

export const issueRatersBody = z.object({
  /** One personal link per label (labels are the researcher's own notes, e.g. "R1"). */
  labels: z.array(nameText(80)).min(1).max(200),
});

export const profileBody = z
  .object({
    role: storableText(80).optional(),
    specialty: storableText(80).optional(),
    years: z.number().int().min(0).max(70).optional(),
  })
  .strict();

export const consentBody = z.object({ consent: z.literal(true), profile: profileBody.optional() });

const rating = z.number().int().min(1).max(5).nullish();

/** A scale answer is the shown option's position; a pair answer the side chosen ("left" = A). */
export const answerBody = z.union([
  z.object({ kind: z.literal("scale_item"), position: z.number().int().min(0).max(8) }).strict(),
  z
    .object({
      kind: z.literal("pair"),
      choice: z.enum(["left", "right", "tie"]),
      comment: storableText(2000).nullish(),
      /** Which shown answer the 1–5 ratings are about. */
      rated: z.enum(["left", "right"]).nullish(),
      correctness: rating,
      safety: rating,
    })
    .strict(),
]);
export type AnswerBody = z.infer<typeof answerBody>;
