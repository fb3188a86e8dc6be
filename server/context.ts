/**
 * What a server gives the rooms it hosts: its store, its tunables, the secret that marks a
 * restore request as its own, and its pacing. Colyseus builds rooms itself (no constructor
 * arguments), so each server defines the `table` room as a subclass bound to its own context
 * (`tableRoomFor` in rooms/TableRoom.ts): a room never reaches for another server's store, and
 * nothing is left behind in the process when a server shuts down.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { CreateBudget, PendingJoins, PerAddress } from "./rooms/budgets.ts";
import { openStore, type GameStore } from "./store/index.ts";
import { Pacing } from "./sync/Pacing.ts";

export interface Settings {
  dataDir: string;
  /** PostgreSQL connection URL (DATABASE_URL): the shared store; unset: SQLite under dataDir. Never logged. */
  databaseUrl?: string;
  /** How long a game's lease lasts unless renewed (server/failover renews every quarter of it); another process may claim it after. */
  leaseMs: number;
  /** Bot "thinking" delay range in ms; [0, 0] in tests. */
  botDelayMs: [number, number];
  /** Students (players) per room; spectators and the facilitator do not count. */
  maxMembers: number;
  /** Spectators (projectors, observers) connected to a room at once. */
  maxSpectators: number;
  /** Seconds a dropped client may reconnect with Colyseus's own token. */
  reconnectSeconds: number;
  /** Seconds a seat reservation (matchmaking answer) waits for its websocket. */
  reservationSeconds: number;
  /** Empty unfinished games are abandoned (not restored) after this long. */
  idleMs: number;
  /** Finished games stay open this long after the last client leaves. */
  finishedIdleMs: number;
  /** A game nobody joined within this long is dropped (never restored). */
  unclaimedMs: number;
  ratePerSecond: number;
  rateBurst: number;
  /** Largest accepted message (JSON length); bigger ones get `payload/too_large`. */
  maxMessageBytes: number;
  /** New games per client address: a burst, then so many a second. */
  createBurst: number;
  createsPerSecond: number;
  /** New games for the whole server: a burst, then so many a second (an address's first create is always let through). */
  serverCreateBurst: number;
  serverCreatesPerSecond: number;
  /** Token-less seat reservations (new students, spectators) one client address may hold unused at a time. */
  pendingJoins: number;
  /** Failed lookups (unknown code, bad token) per client address: a burst, then so many a second. */
  guessBurst: number;
  guessesPerSecond: number;
  /** Take the client address from the last X-Forwarded-For hop: only behind a proxy that sets it. */
  trustProxy: boolean;
  /** With bots on, a seat whose students have all been away this long goes to a bot; 0: never. */
  handOverMs: number;
  /** A busy process holds each room's changes this long to send them together; 0: never. */
  patchWindowMs: number;
  /** Bot games a finished game is compared with (server/sim); 0: none. */
  simGames: number;
  /** Worker threads playing them. */
  simThreads: number;
  /** Wall time one distribution may take; then the games played so far are shown. */
  simBudgetMs: number;
}

export const defaultSettings = (dataDir: string): Settings => ({
  dataDir,
  leaseMs: 10_000,
  botDelayMs: [1500, 4000],
  maxMembers: 40,
  maxSpectators: 6,
  reconnectSeconds: 30,
  reservationSeconds: 8,
  idleMs: 6 * 60 * 60 * 1000,
  finishedIdleMs: 10 * 60 * 1000,
  unclaimedMs: 60_000,
  ratePerSecond: 20,
  rateBurst: 40,
  maxMessageBytes: 16 * 1024,
  createBurst: 40,
  createsPerSecond: 1,
  serverCreateBurst: 200,
  serverCreatesPerSecond: 5,
  pendingJoins: 60,
  guessBurst: 30,
  guessesPerSecond: 0.5,
  trustProxy: false,
  handOverMs: 90_000,
  patchWindowMs: 20,
  simGames: 1000,
  // One core stays with the rooms: 1 thread on a 2-core machine.
  simThreads: Math.max(1, Math.floor(availableParallelism() / 2)),
  simBudgetMs: 180_000,
});

export interface ServerContext {
  readonly store: GameStore;
  /** This process's lease owner id (random per start): names it in the games' leases. */
  readonly owner: string;
  /**
   * Called when a room's writes were fenced (its game was claimed by another process): the room
   * has stopped sending and is closing its clients. For the fail-over wiring; default: a log line.
   */
  onFenced: (code: string) => void;
  readonly settings: Settings;
  /** Passed in `{restore, restoreSecret}` create options by this server's boot code only. */
  readonly restoreSecret: string;
  /** When rooms send what a turn changed (at once, or held briefly on a busy process). */
  readonly pacing: Pacing;
  /** Matchmaking budgets per client address (rooms/budgets.ts, rooms/gate.ts). */
  readonly creates: CreateBudget;
  readonly pending: PendingJoins;
  readonly guesses: PerAddress;
}

export function newContext(settings: Settings): ServerContext {
  const store = openStore({ dataDir: settings.dataDir, databaseUrl: settings.databaseUrl });
  const owner = randomBytes(9).toString("base64url");
  return {
    store,
    owner,
    onFenced: (code) => console.error(`[store] game ${code} was taken over by another process: its room here stops`),
    settings,
    restoreSecret: randomBytes(24).toString("base64url"),
    pacing: new Pacing(settings.patchWindowMs),
    creates: new CreateBudget(settings),
    pending: new PendingJoins(settings.pendingJoins, settings.reservationSeconds * 1000),
    guesses: new PerAddress(settings.guessesPerSecond, settings.guessBurst),
  };
}

/** After the last room is gone: the database closes, the pacing sampler stops. */
export async function closeContext(ctx: ServerContext): Promise<void> {
  ctx.pacing.stop();
  ctx.pending.stop();
  await ctx.store.close();
}
