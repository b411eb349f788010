import path from "node:path";
import { build } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** One ES module for a test or bench page served from loopback: `entry` (relative to the repository) and its imports. */
export async function bundlePage(entry: string): Promise<string> {
  const bundle = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    tsconfig: path.join(ROOT, "tsconfig.json"),
  });
  return bundle.outputFiles[0].text;
}
