/**
 * `npm start`: build the client with Vite when dist/ is missing or older than its sources,
 * then run the game server (HOST, default 0.0.0.0; PORT, default 2567; DATA_DIR, default
 * ./data). The build runs on the same Node binary as this script (Node 24 from node_modules).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
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

function buildIfStale(): void {
  if (!existsSync(join(root, "client", "index.html"))) {
    console.warn("[start] no client/index.html: serving without a built client");
    return;
  }
  const built = existsSync(dist) ? statSync(dist).mtimeMs : 0;
  const changed = Math.max(...sources.map(newest));
  if (built && built >= changed) return;
  console.log(built ? "[start] client sources changed: rebuilding dist/" : "[start] building the client into dist/");
  const vite = join(root, "node_modules", "vite", "bin", "vite.js");
  const r = spawnSync(process.execPath, [vite, "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("[start] the client build failed");
    process.exit(r.status ?? 1);
  }
}

buildIfStale();
await import("../server/main.ts");
