/**
 * `npm start`: build the client with Vite when dist/ is missing or older than its sources,
 * then run the game server (HOST, default 0.0.0.0; PORT, default 2567; DATA_DIR, default
 * ./data). The build runs on the same Node binary as this script (Node 24 from node_modules).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const dist = join(root, "dist", "index.html");
const sources = ["client", "shared", "vite.config.ts", "package-lock.json"].map((p) => join(root, p));

/** The newest modification time under a path (files only), 0 when it does not exist. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

const stale = (): boolean => {
  const built = existsSync(dist) ? statSync(dist).mtimeMs : 0;
  return !built || built < Math.max(...sources.map(newest));
};

/**
 * Several servers may start at once (test suites spawn them in parallel): one builds while the
 * others wait on a lock directory (mkdir is atomic), then find dist/ fresh and skip the build.
 */
async function buildIfStale(): Promise<void> {
  if (!existsSync(join(root, "client", "index.html"))) {
    console.warn("[start] no client/index.html: serving without a built client");
    return;
  }
  const lock = join(root, "node_modules", ".seat-build.lock"); // ignored by git, like node_modules
  const deadline = Date.now() + 180_000;
  while (stale()) {
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building; a lock older than 5 minutes was left by a killed build.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("[start] gave up waiting for another client build");
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!stale()) return;
      console.log(existsSync(dist) ? "[start] client sources changed: rebuilding dist/" : "[start] building the client into dist/");
      const vite = join(root, "node_modules", "vite", "bin", "vite.js");
      const r = spawnSync(process.execPath, [vite, "build"], { cwd: root, stdio: "inherit" });
      if (r.status !== 0) {
        rmSync(lock, { recursive: true, force: true });
        console.error("[start] the client build failed");
        process.exit(r.status ?? 1);
      }
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

await buildIfStale();
await import("../server/main.ts");
