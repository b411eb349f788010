import type { Model } from "@/lib/db/schema";

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
