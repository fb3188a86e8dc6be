/**
 * Fail-over wired into a Colyseus server: the rooms of this process as `Ownership` sees them.
 *
 * - restore: the dead (or frozen) host's listing of the game is removed from the room registry,
 *   then the room is created here under the same code from the log (`{restore}` create options,
 *   kept on this process by `selectProcessForRoom`); students reclaim their seats by token
 *   through any process.
 * - drop: a room whose lease moved closes every socket at once with 4001 `moved` (clients rejoin
 *   by token and reach the new host) and is disposed without removing the new host's listing.
 * - a room of ours that ends (finished, abandoned, shut down) gives its lease up after the last
 *   flush, and tells the other processes over Redis so one of them takes it at once.
 *
 * Only with a shared store (PostgreSQL): with SQLite one process owns the file and nothing here runs.
 */
import { CloseCode, matchMaker, type Room } from "@colyseus/core";
import { ROOM_NAME } from "../../shared/protocol/messages.ts";
import type { GameStore } from "../store/types.ts";
import { Ownership, type Timing } from "./Ownership.ts";

/** Close code and reason of a room whose game moved to another process: rejoin with the token. */
export const MOVED = { code: CloseCode.SERVER_SHUTDOWN, reason: "moved" } as const;

/** Redis channel on which a process says it gave games up (SIGTERM): others look at once. */
const RELEASED = "seat:failover:released";

export interface FailoverContext {
  readonly store: GameStore;
  readonly restoreSecret: string;
}

/** Lease timing from the environment: LEASE_SECONDS (TTL, default 9); renew and watch follow. */
export function leaseTiming(env: { LEASE_SECONDS?: string } = process.env): Timing {
  const s = Number(env.LEASE_SECONDS);
  const ttlMs = Number.isFinite(s) && s >= 2 ? s * 1000 : 9000;
  return { ttlMs, renewMs: Math.round(ttlMs / 3.6), watchMs: Math.min(2000, Math.round(ttlMs / 4.5)) };
}

/** The registry listing of a room: a dropped room must not remove the new host's listing of the same code. */
function detachListing(room: Room): void {
  const listing = (room as unknown as { _listing?: { roomId?: string } })._listing;
  if (listing) listing.roomId = `moved:${room.roomId}`;
}

export function dropRoom(code: string): void {
  const room = matchMaker.getLocalRoomById(code);
  if (!room) return;
  detachListing(room);
  // Every socket closes now, before anything else can be sent (a patch, a roster): the game's
  // state here may hold an effect whose write the store refused.
  for (const client of [...room.clients]) client.leave(MOVED.code, MOVED.reason);
  Promise.resolve(room.disconnect(MOVED.code)).catch(() => undefined);
}

export async function restoreRoom(code: string, restoreSecret: string): Promise<void> {
  const local = matchMaker.getLocalRoomById(code);
  if (local) return;
  const stale = await matchMaker.driver.findOne({ roomId: code }) as { processId?: string } | undefined;
  if (stale && stale.processId !== matchMaker.processId) {
    await matchMaker.driver.remove(code);
    // The old host's other listings and its place in the process table go too (Colyseus's own
    // health check: a process that does not answer is excluded and its listings removed).
    if (stale.processId) void matchMaker.healthCheckProcessId(stale.processId).catch(() => undefined);
  }
  await matchMaker.createRoom(ROOM_NAME, { restore: code, restoreSecret });
}

/**
 * Starts lease keeping for this process: every room created here is adopted (its lease came
 * with the insert), restored rooms are claimed first, ended rooms release. Returns the
 * Ownership (its `lost(code)` is what a fenced flush calls) and a stop for SIGTERM.
 */
export function startFailover(ctx: FailoverContext, timing: Partial<Timing> = leaseTiming()): Ownership {
  const store = ctx.store;
  const owner = matchMaker.processId;
  const ownership = new Ownership(store, {
    restore: (code) => restoreRoom(code, ctx.restoreSecret),
    drop: dropRoom,
    flush: () => store.flush(),
  }, owner, timing);

  const handler = matchMaker.getHandler(ROOM_NAME);
  handler.on("create", (room: Room) => {
    if (store.held(room.roomId) !== null) ownership.adopt(room.roomId);
  });
  handler.on("dispose", (room: Room) => {
    if (!ownership.holds(room.roomId)) return;
    void ownership.release(room.roomId)
      .then(() => matchMaker.presence.publish(RELEASED, room.roomId))
      .catch((e) => console.error(`[failover] releasing ${room.roomId} failed: ${e instanceof Error ? e.message : e}`));
  });
  void matchMaker.presence.subscribe(RELEASED, () => void ownership.watch().catch(() => undefined));
  ownership.start();
  return ownership;
}
