import { z } from "zod";
import type { Model } from "@/lib/db/schema";
import { nameText, storableText } from "./text";

const decodingParams = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().gt(0).max(1).optional(),
    max_tokens: z.number().int().positive().max(32768).optional(),
  })
  .strict();

const envName = z.string().max(100).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name (letters, digits, _)");

export const modelBody = z.object({
  name: nameText(120),
  baseUrl: z.url({ protocol: /^https?$/ }).max(500),
  modelId: nameText(200),
  /** Typed key: sealed server-side and never returned. */
  apiKey: storableText(500).optional(),
  /** Or the name of a server-side environment variable holding the key. */
  apiKeyEnv: envName.optional(),
  params: decodingParams.default({}),
  concurrency: z.number().int().min(1).max(1024).default(8),
  timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
});

export const modelPatch = modelBody.partial().extend({
  /** true removes a stored key. */
  clearApiKey: z.boolean().optional(),
});

export type ModelBody = z.infer<typeof modelBody>;

/** What a browser may see of a model: everything but the key. */
export function toPublicModel(model: Model) {
  const { apiKeyCiphertext, apiKeyOrigin: _origin, ...rest } = model;
  return { ...rest, baseUrl: withoutCredentials(rest.baseUrl), hasStoredKey: apiKeyCiphertext !== null };
}

/** A URL as it may be shown: credentials (user:password@, refused since, but possibly stored before) removed. */
export function withoutCredentials<T extends string | null>(url: T): T {
  if (!url) return url;
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString() as T;
  } catch {
    return url;
  }
}

export type PublicModel = ReturnType<typeof toPublicModel>;
