// Reads a browser model's files from where the user said they are, through the cache, reporting progress.
import { cachedFile, cachedPaths, cacheFile } from "./model-cache";
import { MODEL_FILE_CANDIDATES, OPTIONAL_SIDE_FILES, planModelFiles, SIDE_FILES } from "./model-files";
import type { ModelSource } from "./worker-protocol";

export interface ModelBytes {
  model: Uint8Array;
  modelPath: string;
  externalData: { path: string; data: Uint8Array } | null;
  json: Record<string, Record<string, unknown> | null>;
  bytes: number;
}

type Progress = (file: string, loaded: number, total: number | null) => void;

/** Reads one file (null when absent); checkSize sees its size before its bytes are read, and may refuse it. */
type Reader = (path: string, checkSize: (bytes: number) => void) => Promise<Uint8Array | null>;

async function readStream(response: Response, file: string, progress: Progress): Promise<Uint8Array> {
  const total = Number(response.headers.get("content-length")) || null;
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    progress(file, loaded, total);
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function readerFor(modelId: string, source: ModelSource, progress: Progress): Reader {
  if (source.kind === "files") {
    const byPath = new Map(source.files.map((f) => [f.path, f.file]));
    return async (path, checkSize) => {
      const file = byPath.get(path);
      if (!file) return null;
      checkSize(file.size);
      const data = await readStream(new Response(file), path, progress);
      await cacheFile(modelId, path, file).catch(() => {});
      return data;
    };
  }
  if (source.kind === "cache") {
    return async (path, checkSize) => {
      const blob = await cachedFile(modelId, path);
      if (!blob) return null;
      checkSize(blob.size);
      return readStream(new Response(blob), path, progress);
    };
  }
  const base = source.url.replace(/\/+$/, "");
  return async (path, checkSize) => {
    const hit = await cachedFile(modelId, path);
    if (hit) {
      checkSize(hit.size);
      return readStream(new Response(hit), path, progress);
    }
    // The only network request a browser model makes: to the URL its user typed.
    const response = await fetch(`${base}/${path}`, { credentials: "omit" });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${base}/${path} answered ${response.status}`);
    checkSize(Number(response.headers.get("content-length")) || 0);
    const data = await readStream(response, path, progress);
    await cacheFile(modelId, path, new Blob([data as BlobPart])).catch(() => {});
    return data;
  };
}

/** Every file the generation loop needs; a model over `budgetBytes` is refused before it is read. */
export async function readModelFiles(
  modelId: string,
  source: ModelSource,
  { progress, checkTotal }: { progress: Progress; checkTotal: (bytes: number) => void },
): Promise<ModelBytes> {
  const read = readerFor(modelId, source, progress);
  const listed = source.kind === "files" ? source.files.map((f) => f.path) : source.kind === "cache" ? await cachedPaths(modelId) : null;
  let plan: { model: string[]; external: string[] };
  if (listed) {
    const p = planModelFiles(listed);
    if ("error" in p) throw new Error(p.error);
    plan = { model: [p.model], external: p.externalData ? [p.externalData] : [] };
  } else {
    plan = { model: MODEL_FILE_CANDIDATES, external: [] };
  }
  const json: ModelBytes["json"] = {};
  for (const name of [...SIDE_FILES, ...OPTIONAL_SIDE_FILES]) {
    const data = await read(name, () => {});
    if (!data && (SIDE_FILES as readonly string[]).includes(name)) throw new Error(`the model has no ${name}`);
    json[name] = data ? JSON.parse(new TextDecoder().decode(data)) : null;
  }
  let total = 0;
  const check = (bytes: number) => checkTotal((total += bytes));
  let model: Uint8Array | null = null;
  let modelPath = "";
  for (const candidate of plan.model) {
    model = await read(candidate, check);
    if (model) {
      modelPath = candidate;
      break;
    }
  }
  if (!model) throw new Error(`no model file found (tried ${plan.model.join(", ")})`);
  let externalData: ModelBytes["externalData"] = null;
  for (const path of listed ? plan.external : [`${modelPath}_data`]) {
    const data = await read(path, check);
    if (data) externalData = { path: path.split("/").pop()!, data };
  }
  return { model, modelPath, externalData, json, bytes: total };
}
