/**
 * What a server gives the rooms it hosts: its store, its tunables, the secret that marks a
 * restore request as its own, and its pacing. Colyseus builds rooms itself (no constructor
 * arguments), so each server defines the `table` room as a subclass bound to its own context
 * (`tableRoomFor` in rooms/TableRoom.ts): a room never reaches for another server's store, and
 * nothing is left behind in the process when a server shuts down.
 */
import { randomBytes } from "node:crypto";
import { CreateBudget } from "./rooms/createBudget.ts";
import { Store } from "./store/Store.ts";
import { Pacing } from "./sync/Pacing.ts";

export interface Settings {
  dataDir: string;
  /** Bot "thinking" delay range in ms; [0, 0] in tests. */
  botDelayMs: [number, number];
  /** Students (players) per room; spectators and the facilitator do not count. */
  maxMembers: number;
  /** Seconds a dropped client may reconnect with Colyseus's own token. */
  reconnectSeconds: number;
  /** Empty unfinished games are abandoned (not restored) after this long. */
  idleMs: number;
  /** Finished games stay open this long after the last client leaves. */
  finishedIdleMs: number;
  ratePerSecond: number;
  rateBurst: number;
  /** Largest accepted message (JSON length); bigger ones get `payload/too_large`. */
  maxMessageBytes: number;
  /** Clients per room, spectators included. */
  maxClients: number;
  /** New games: a burst, then so many a second (per client address behind a trusted proxy). */
  createBurst: number;
  createsPerSecond: number;
  /** Key the create budget on X-Real-IP / X-Forwarded-For: only behind a proxy that sets them. */
  trustProxy: boolean;
  /** With bots on, a seat whose students have all been away this long goes to a bot; 0: never. */
  handOverMs: number;
  /** A busy process holds each room's changes this long to send them together; 0: never. */
  patchWindowMs: number;
}

export const defaultSettings = (dataDir: string): Settings => ({
  dataDir,
  botDelayMs: [1500, 4000],
  maxMembers: 40,
  maxClients: 80,
  reconnectSeconds: 30,
  idleMs: 6 * 60 * 60 * 1000,
  finishedIdleMs: 10 * 60 * 1000,
  ratePerSecond: 20,
  rateBurst: 40,
  maxMessageBytes: 16 * 1024,
  createBurst: 40,
  createsPerSecond: 1,
  trustProxy: false,
  handOverMs: 90_000,
  patchWindowMs: 20,
});

export interface ServerContext {
  readonly store: Store;
  readonly settings: Settings;
  /** Passed in `{restore, restoreSecret}` create options by this server's boot code only. */
  readonly restoreSecret: string;
  /** When rooms send what a turn changed (at once, or held briefly on a busy process). */
  readonly pacing: Pacing;
  readonly creates: CreateBudget;
}

export function newContext(settings: Settings): ServerContext {
  return {
    store: new Store(settings.dataDir),
    settings,
    restoreSecret: randomBytes(24).toString("base64url"),
    pacing: new Pacing(settings.patchWindowMs),
    creates: new CreateBudget(settings),
  };
}

/** After the last room is gone: the database closes, the pacing sampler stops. */
export function closeContext(ctx: ServerContext): void {
  ctx.pacing.stop();
  ctx.store.close();
}
