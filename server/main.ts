/**
 * The server process: `node server/main.ts`, configured by the environment —
 * HOST (0.0.0.0), PORT (2567), DATA_DIR (./data), BOT_DELAY_MS ("1500-4000" or "0"),
 * CREATE_BURST (40) and CREATES_PER_SECOND (1): new games per client address (beside a
 * server-wide budget), TRUST_PROXY=1 to take that address from the last X-Forwarded-For hop,
 * which your own proxy sets (otherwise the socket's address),
 * HANDOVER_SECONDS (90; 0 = never): how long a delegation's students may all be away before a
 * bot holds their seat, PATCH_WINDOW_MS (20; 0 = never): how long a busy process holds a
 * room's changes to send them together, SIM_GAMES (1000; 0 = none): bot games a finished game is
 * compared with, SIM_THREADS (half the cores, at least 1) and SIM_BUDGET_SECONDS (180) for them,
 * DATABASE_URL (unset: the SQLite file in DATA_DIR): a PostgreSQL URL for the store every process
 * shares (docs/DEPLOYMENT.md), LEASE_SECONDS (10): how long a game's lease outlives this process.
 */
import { resolve } from "node:path";
import { startServer } from "./app.config.ts";
import { health } from "./http/routes.ts";

function botDelay(v: string | undefined): [number, number] | undefined {
  if (!v) return undefined;
  const [lo, hi = lo] = v.split("-").map(Number);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

const delay = botDelay(process.env.BOT_DELAY_MS);
const num = (v: string | undefined) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);
const createBurst = num(process.env.CREATE_BURST);
const createsPerSecond = num(process.env.CREATES_PER_SECOND);
const handOverSeconds = num(process.env.HANDOVER_SECONDS);
const patchWindowMs = num(process.env.PATCH_WINDOW_MS);
const simGames = num(process.env.SIM_GAMES);
const simThreads = num(process.env.SIM_THREADS);
const simBudgetSeconds = num(process.env.SIM_BUDGET_SECONDS);
const leaseSeconds = num(process.env.LEASE_SECONDS);
const databaseUrl = process.env.DATABASE_URL || undefined;
/** A start that cannot work says why in one line and exits non-zero (never runs half-started). */
function fatal(err: unknown): never {
  const e = err as NodeJS.ErrnoException;
  const port = process.env.PORT || 2567;
  if (e?.code === "EADDRINUSE") console.error(`Seat at the Table cannot start: port ${port} is already in use (another server?). Stop it or set PORT.`);
  else if (e?.code === "EACCES") console.error(`Seat at the Table cannot start: no permission to listen on port ${port}.`);
  else console.error(`Seat at the Table cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

const started = await startServer({
  host: process.env.HOST || "0.0.0.0",
  port: Number(process.env.PORT || 2567),
  dataDir: resolve(process.env.DATA_DIR || "./data"),
  settings: {
    ...(delay ? { botDelayMs: delay } : {}),
    ...(createBurst !== undefined ? { createBurst } : {}),
    ...(createsPerSecond !== undefined ? { createsPerSecond } : {}),
    trustProxy: process.env.TRUST_PROXY === "1",
    ...(handOverSeconds !== undefined ? { handOverMs: handOverSeconds * 1000 } : {}),
    ...(patchWindowMs !== undefined ? { patchWindowMs } : {}),
    ...(simGames !== undefined ? { simGames } : {}),
    ...(simThreads !== undefined ? { simThreads } : {}),
    ...(simBudgetSeconds !== undefined ? { simBudgetMs: simBudgetSeconds * 1000 } : {}),
    ...(leaseSeconds !== undefined ? { leaseMs: leaseSeconds * 1000 } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
  },
}).catch(fatal);
const where = databaseUrl ? "games in PostgreSQL" : `data in ${resolve(process.env.DATA_DIR || "./data")}`;
console.log(`Seat at the Table listening on http://${started.host}:${started.port} (${where})`);
for (const w of health.warnings) console.error(`[store] warning: ${w}`);
if (health.damaged.length) console.error(`[restore] ${health.damaged.length} game(s) could not be restored (listed at /healthz): ${health.damaged.map((d) => d.code).join(", ")}`);
