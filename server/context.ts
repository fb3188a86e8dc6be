/**
 * Process-wide runtime shared by the rooms: the store, tunables, and the secret that marks a
 * restore request as coming from this process. Colyseus builds rooms itself (no constructor
 * arguments), and one server runs per process, so a module-level runtime is the simple seam.
 */
import { randomBytes } from "node:crypto";
import type { Store } from "./store/Store.ts";
import { Pacing } from "./sync/Pacing.ts";

export interface Settings {
  dataDir: string;
  /** Bot "thinking" delay range in ms; [0, 0] in tests. */
  botDelayMs: [number, number];
  /** Students (players) per room; spectators and the facilitator do not count. */
  maxMembers: number;
  /** Clients per room, spectators included. */
  maxClients: number;
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

interface Runtime {
  store: Store | null;
  settings: Settings;
  /** Passed in `{restore, restoreSecret}` create options by boot code only. */
  restoreSecret: string;
  /** When rooms send what a turn changed (at once, or held briefly on a busy process). */
  pacing: Pacing;
}

export const runtime: Runtime = {
  store: null,
  settings: defaultSettings("./data"),
  restoreSecret: randomBytes(24).toString("base64url"),
  pacing: new Pacing(0),
};

export function store(): Store {
  if (!runtime.store) throw new Error("store not initialised: call createServer() first");
  return runtime.store;
}
