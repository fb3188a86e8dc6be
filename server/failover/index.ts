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

/** What fail-over needs of a server's context (server/context.ts). */
export interface FailoverContext {
  readonly store: GameStore;
  readonly restoreSecret: string;
  /** This process's name in the leases. */
  readonly owner: string;
  readonly settings: { readonly leaseMs: number };
  /** Called by a room whose flush was fenced. */
  onFenced: (code: string) => void;
}

/** Renew four times per lease, look for expired ones every 2 s (sooner with short leases). */
export function leaseTiming(leaseMs: number): Timing {
  return { ttlMs: leaseMs, renewMs: Math.round(leaseMs / 4), watchMs: Math.min(1000, Math.round(leaseMs / 10)) };
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
  if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) throw new Error("this process is shutting down");
  // A room of this code still here is one being dropped (its lease was lost): let it go first.
  for (let i = 0; i < 50 && matchMaker.getLocalRoomById(code); i++) await new Promise((r) => setTimeout(r, 100));
  if (matchMaker.getLocalRoomById(code)) throw new Error(`the old room ${code} here is still closing`);
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
 * Our rooms' listings point at this process: a listing removed or overwritten by an old host
 * that woke up (before it learns it lost the game, Colyseus may update its own listing of the
 * same code) is written again at the next renewal. Called only with games a renewal has just
 * confirmed ours, so a woken old host never writes its stale listing back this way.
 */
async function relist(codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const driver = matchMaker.driver as typeof matchMaker.driver & { findByIds?(ids: string[]): Promise<Map<string, { processId?: string }>> };
  if (!driver.findByIds) return;
  const listed = await driver.findByIds(codes);
  for (const code of codes) {
    const room = matchMaker.getLocalRoomById(code) as unknown as { _listing?: { roomId?: string }; _internalState?: number } | undefined;
    if (!room?._listing || room._listing.roomId !== code) continue;
    if (listed.get(code)?.processId !== matchMaker.processId) await driver.persist(room._listing as never, true);
  }
}

/**
 * Lease keeping for this process, from right after `listen()`: every room created here from now
 * on is adopted (its lease came with the insert or the restore's claim), ended rooms release, a
 * fenced room is dropped. Call `start()` on the result once the boot's own restores are done:
 * then it renews, watches for expired leases and takes games over; `stop()` when the server shuts down.
 */
export function failover(ctx: FailoverContext, timing: Partial<Timing> = leaseTiming(ctx.settings.leaseMs)): Ownership {
  const store = ctx.store;
  const ownership = new Ownership(store, {
    restore: (code) => restoreRoom(code, ctx.restoreSecret),
    drop: dropRoom,
    flush: () => store.flush(),
    confirmed: relist,
  }, ctx.owner, timing);
  ctx.onFenced = (code) => ownership.lost(code, "the store refused its writes (fenced)");

  const handler = matchMaker.getHandler(ROOM_NAME);
  handler.on("create", (room: Room) => {
    if (store.held(room.roomId) !== null) ownership.adopt(room.roomId);
  });
  handler.on("dispose", (room: Room) => {
    if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) {
      // SIGTERM: no more renewing or taking over here; the release below hands each game on.
      ownership.stop();
    }
    if (!ownership.holds(room.roomId)) return;
    // Said now, while Redis is still open here (a shutdown closes it next); the others look a
    // few times over the next second and a half, by when the release below has landed.
    void Promise.resolve(matchMaker.presence.publish(RELEASED, room.roomId)).catch(() => undefined);
    void ownership.release(room.roomId)
      .catch((e) => console.error(`[failover] releasing ${room.roomId} failed: ${e instanceof Error ? e.message : e}`));
  });
  void matchMaker.presence.subscribe(RELEASED, () => {
    for (const ms of [150, 500, 1500]) setTimeout(() => void ownership.watch().catch(() => undefined), ms).unref();
  });
  return ownership;
}
