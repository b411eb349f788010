// The registry reachable here serves no macOS/Windows builds of @next/swc and @swc/core, so `npm install`
// leaves them out of package-lock.json and `npm ci` then refuses the lock. This adds platform-tagged stubs
// for every optional dependency the lock lacks; npm skips them on other platforms. Run after `npm install`
// (scripts/lock-platform-stubs.test.ts fails while the committed lock lacks a stub).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const osOf = (name) => (name.includes("darwin") ? "darwin" : name.includes("win32") ? "win32" : "linux");
const cpuOf = (name) =>
  ["arm64", "x64", "ia32", "ppc64", "s390x", "arm"].find((cpu) => name.includes(`-${cpu}`)) ?? "x64";

/** Adds the missing stubs to a parsed lock file in place; returns the names it added. */
export function addPlatformStubs(lock) {
  const packages = lock.packages;
  const added = [];
  for (const [path, info] of Object.entries(packages)) {
    for (const [name, version] of Object.entries(info.optionalDependencies ?? {})) {
      const key = `node_modules/${name}`;
      if (packages[key] || packages[`${path}/${key}`]) continue;
      packages[key] = { version, optional: true, os: [osOf(name)], cpu: [cpuOf(name)] };
      if (info.dev) packages[key].dev = true;
      added.push(name);
    }
  }
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)));
  return added;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
  const added = addPlatformStubs(lock);
  writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`added ${added.length} platform stub(s) to package-lock.json`);
}
