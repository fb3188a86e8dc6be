/** Builds the client once into the suite's own folder (see serve.ts), as production. */
import { execFileSync } from "node:child_process";

// In the checkout itself, not under node_modules: checkouts may share one node_modules, and a
// build from one must not replace the client under another's running browser test.
export const E2E_DIST = ".e2e-dist";

export default function setup(): void {
  // Vitest sets NODE_ENV=test, which would make Vite build a dev-flavoured bundle.
  execFileSync("node_modules/.bin/vite", ["build", "--mode", "production", "--logLevel", "warn", "--outDir", `../${E2E_DIST}`, "--emptyOutDir"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
