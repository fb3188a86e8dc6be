/**
 * The server process: `node server/main.ts`, configured by the environment —
 * HOST (0.0.0.0), PORT (2567), DATA_DIR (./data), BOT_DELAY_MS ("1500-4000" or "0").
 */
import { resolve } from "node:path";
import { startServer } from "./app.config.ts";

function botDelay(v: string | undefined): [number, number] | undefined {
  if (!v) return undefined;
  const [lo, hi = lo] = v.split("-").map(Number);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

const delay = botDelay(process.env.BOT_DELAY_MS);
const started = await startServer({
  host: process.env.HOST || "0.0.0.0",
  port: Number(process.env.PORT || 2567),
  dataDir: resolve(process.env.DATA_DIR || "./data"),
  settings: delay ? { botDelayMs: delay } : {},
});
console.log(`Seat at the Table listening on http://${started.host}:${started.port} (data in ${resolve(process.env.DATA_DIR || "./data")})`);
