// Where an onnx-local model's files may come from: a folder inside CHIMED_ONNX_DIR (or one the command line named).
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { MODEL_FILES, type ModelDtype } from "@/lib/onnx/model-config";

let absoluteAllowed = false;
/** The command line's user may name any folder of theirs (--onnx, or a run resumed from one); the app may not. */
export function allowAbsoluteOnnxDirsInThisProcess(): void {
  absoluteAllowed = true;
}

const inside = (root: string, target: string) => target === root || target.startsWith(root + path.sep);

/**
 * The absolute folder of a model named by its path relative to the root; refuses (400) an absolute path, "..",
 * or a link out of the root. An absolute path only in a command-line process.
 */
export function resolveOnnxDir(name: string, root: string): string {
  if (absoluteAllowed && path.isAbsolute(name)) return path.resolve(name);
  if (!name || name.includes("\0") || path.isAbsolute(name) || name.split(/[\\/]/).includes("..")) {
    throw new AppError("the model folder must be a path inside the server's model folder (no absolute path, no \"..\")", 400, undefined, "bad_model_dir");
  }
  const base = path.resolve(root);
  const target = path.resolve(base, name);
  if (!existsSync(target) || !statSync(target).isDirectory()) {
    throw new AppError(`no folder "${name}" in the server's model folder`, 400, undefined, "bad_model_dir");
  }
  if (!inside(realpathSync(base), realpathSync(target))) {
    throw new AppError("the model folder links outside the server's model folder", 400, undefined, "bad_model_dir");
  }
  return target;
}

/** The first model file of this dtype the folder has (Optimum / onnx-community names). */
export function modelFileOf(dir: string, dtype: ModelDtype): string {
  const found = MODEL_FILES[dtype].find((f) => existsSync(path.join(dir, f)));
  if (!found) throw new AppError(`no ${dtype} model file in the folder (looked for ${MODEL_FILES[dtype].join(", ")})`, 400, undefined, "bad_model_dir");
  return path.join(dir, found);
}

export interface OnnxFolder {
  /** Path relative to the root. */
  dir: string;
  dtypes: ModelDtype[];
}

/** Folders under the root (two levels deep, like org/model) that hold a tokenizer and at least one model file. */
export function listOnnxFolders(root: string): OnnxFolder[] {
  const base = path.resolve(root);
  if (!existsSync(base)) return [];
  const found: OnnxFolder[] = [];
  const visit = (rel: string, depth: number) => {
    const abs = path.join(base, rel);
    if (existsSync(path.join(abs, "tokenizer.json"))) {
      const dtypes = (Object.keys(MODEL_FILES) as ModelDtype[]).filter((d) => MODEL_FILES[d].some((f) => existsSync(path.join(abs, f))));
      if (dtypes.length > 0) found.push({ dir: rel, dtypes });
    }
    if (depth === 0) return;
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "onnx") visit(rel ? `${rel}/${e.name}` : e.name, depth - 1);
    }
  };
  visit("", 2);
  return found.filter((f) => f.dir !== "").sort((a, b) => a.dir.localeCompare(b.dir));
}
