import { z } from "zod";
import { isUuid } from "./ids";
import { storableText } from "./text";

/** A UUID from a URL segment; anything else names nothing (the wrapper answers 404). */
export const uuidSegment = z.string().refine(isUuid);

export const idParams = z.object({ id: uuidSegment });

/** Suite ids are short slugs (bundled or chosen at upload). */
export const suiteIdSegment = storableText(100).min(1);

/** A rater or cohort link token (base64url); anything else names nothing. */
export const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
