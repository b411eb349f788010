// Loaded model files kept in the browser's Cache Storage, per model: a second load reads them from disk.
const CACHE = "chimed-models";

const keyOf = (modelId: string, path: string) => `${self.location.origin}/model-cache/${encodeURIComponent(modelId)}/${path}`;

export async function cachedFile(modelId: string, path: string): Promise<Blob | null> {
  const hit = await (await caches.open(CACHE)).match(keyOf(modelId, path));
  return hit ? hit.blob() : null;
}

export async function cacheFile(modelId: string, path: string, data: Blob): Promise<void> {
  await (await caches.open(CACHE)).put(keyOf(modelId, path), new Response(data, { headers: { "content-length": String(data.size) } }));
}

export interface CachedModel {
  modelId: string;
  files: number;
  bytes: number;
}

/** What the cache holds, per model (sizes as stored). */
export async function listCachedModels(): Promise<CachedModel[]> {
  const cache = await caches.open(CACHE);
  const byModel = new Map<string, CachedModel>();
  for (const request of await cache.keys()) {
    const m = /\/model-cache\/([^/]+)\//.exec(new URL(request.url).pathname);
    if (!m) continue;
    const modelId = decodeURIComponent(m[1]);
    const size = Number((await cache.match(request))?.headers.get("content-length") ?? 0);
    const entry = byModel.get(modelId) ?? { modelId, files: 0, bytes: 0 };
    entry.files++;
    entry.bytes += size;
    byModel.set(modelId, entry);
  }
  return [...byModel.values()];
}

export async function clearCachedModel(modelId?: string): Promise<void> {
  if (!modelId) {
    await caches.delete(CACHE);
    return;
  }
  const cache = await caches.open(CACHE);
  for (const request of await cache.keys()) if (request.url.startsWith(keyOf(modelId, ""))) await cache.delete(request);
}

/** The paths of a model's files in the cache. */
export async function cachedPaths(modelId: string): Promise<string[]> {
  const prefix = keyOf(modelId, "");
  return (await (await caches.open(CACHE)).keys()).map((r) => r.url).filter((u) => u.startsWith(prefix)).map((u) => u.slice(prefix.length));
}
