/**
 * The server under test: what `npm start` runs (server/main.ts), but serving the client this
 * suite built into its own folder, so a concurrent `npm start` elsewhere that rebuilds dist/
 * cannot pull files from under a running browser test.
 */
import { resolve } from "node:path";
import { startServer } from "../../server/app.config.ts";

const [lo, hi = lo] = (process.env.BOT_DELAY_MS ?? "50-150").split("-").map(Number);
const started = await startServer({
  host: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  dataDir: resolve(process.env.DATA_DIR ?? "./data"),
  distDir: process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : undefined,
  // Distributions only where a test asks for them (SIM_GAMES): elsewhere they would load the machine.
  settings: { botDelayMs: [lo, hi], simGames: Number(process.env.SIM_GAMES ?? 0) },
});
console.log(`e2e server on http://${started.host}:${started.port}`);
