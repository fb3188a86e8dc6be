/**
 * The build's shape: Phaser in its own chunk, loaded only when a table is shown, and the
 * initial JavaScript (the entry and everything it imports statically) at most 450 KiB gzipped.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minskWindowAims } from "../../shared/scenario/minskWindowAims.ts";

const LIMIT = 450 * 1024;
let out = "";

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "seat-bundle-"));
  execFileSync("node_modules/.bin/vite", ["build", "--mode", "production", "--logLevel", "error", "--outDir", out, "--emptyOutDir"], {
    env: { ...process.env, NODE_ENV: "production" },
    stdio: "pipe",
  });
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Files a chunk imports statically (`import … from "./x.js"` / `import "./x.js"`), transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(out, "assets", file), "utf8");
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) staticClosure(m[1], seen);
  return seen;
}

describe("client bundle", () => {
  it("keeps Phaser in its own chunk, out of the initial load", () => {
    const html = readFileSync(join(out, "index.html"), "utf8");
    const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    const preloads = [...html.matchAll(/rel="modulepreload"[^>]*href="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
    const initial = new Set([...staticClosure(entry!), ...preloads.flatMap((p) => [...staticClosure(p)])]);
    const files = readdirSync(join(out, "assets"));
    const phaser = files.filter((f) => /^phaser-.*\.js$/.test(f));
    expect(phaser).toHaveLength(1);
    expect([...initial].some((f) => f.startsWith("phaser-"))).toBe(false);
    const gz = [...initial].reduce((n, f) => n + gzipSync(readFileSync(join(out, "assets", f))).length, 0);
    console.log(`initial JS: ${[...initial].join(", ")} = ${(gz / 1024).toFixed(1)} KiB gzip; phaser chunk ${(gzipSync(readFileSync(join(out, "assets", phaser[0]))).length / 1024).toFixed(1)} KiB gzip`);
    expect(gz).toBeLessThanOrEqual(LIMIT);
  });

  it("carries no delegation's secret aims: they reach a browser only through its own briefing", () => {
    const all = readdirSync(join(out, "assets")).filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(out, "assets", f), "utf8")).join("\n");
    const secrets = minskWindowAims.filter((o) => o.secret);
    expect(secrets.length).toBeGreaterThan(0);
    for (const o of secrets) {
      expect(all).not.toContain(o.text);
      expect(all).not.toContain(o.note);
    }
  });
});
