/**
 * Scale-out wiring: with REDIS_URL set, every server process shares Colyseus's room registry and
 * messaging through Redis (`RedisDriver` + `RedisPresence`) and announces its own public address,
 * so a class created through one process is joinable by code through any other; the SDK then
 * connects to the owning process at `<publicAddress>/<processId>/<roomId>`.
 * Without REDIS_URL it returns nothing: the embedded single-process default.
 *
 * Plug in with one line in the app config: `defineServer({ ...scaleOut(), rooms, transport, … })`.
 * See docs/DEPLOYMENT.md.
 */
import { matchMaker, type ServerOptions } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";

export type ScaleOutOptions = Pick<ServerOptions, "presence" | "driver" | "publicAddress" | "selectProcessIdToCreateRoom">;

export interface ScaleOutEnv {
  REDIS_URL?: string;
  /** Host[:port][/path] clients reach THIS process at, without scheme (e.g. `play.school.org/p2`). */
  PUBLIC_ADDRESS?: string;
  HOST?: string;
  PORT?: string;
}

/** The address a process announces when PUBLIC_ADDRESS is unset: its own HOST:PORT. */
export function defaultPublicAddress(env: ScaleOutEnv): string {
  const host = !env.HOST || env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  return `${host}:${env.PORT || "2567"}`;
}

/**
 * New classes go to the process with the fewest rooms (Colyseus's default), but a restore —
 * `matchMaker.createRoom("table", {restore})` at boot — must stay on the process whose DATA_DIR
 * holds the game's log and whose restore secret it carries.
 */
export async function selectProcessForRoom(_roomName: string, options: unknown): Promise<string> {
  if (typeof (options as { restore?: unknown } | null)?.restore === "string") return matchMaker.processId;
  const all = await matchMaker.stats.fetchAll();
  all.sort((a, b) => a.roomCount - b.roomCount);
  return all[0]?.processId ?? matchMaker.processId;
}

/** Presence, driver, public address and placement for the app config; `{}` without REDIS_URL. */
export function scaleOut(env: ScaleOutEnv = process.env as ScaleOutEnv): ScaleOutOptions {
  const url = env.REDIS_URL?.trim();
  if (!url) return {};
  return {
    presence: new RedisPresence(url),
    driver: new RedisDriver(url),
    publicAddress: env.PUBLIC_ADDRESS?.trim() || defaultPublicAddress(env),
    selectProcessIdToCreateRoom: selectProcessForRoom,
  };
}
