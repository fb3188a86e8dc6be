/**
 * A room disposed with a flush still scheduled must not touch its store afterwards: its server
 * closes the store right after the last room is gone (a shutdown under load used to throw from
 * that late flush, failing whichever test ran next).
 */
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { SqliteStore } from "../../server/store/sqlite.ts";
import type { GameStore } from "../../server/store/types.ts";
import { boot, Player, sleep, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot(); });
afterAll(async () => { await b.stop(); });

it("cancels a room's scheduled flush when the room is disposed", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, events: false } });
  const { code } = await f.message("welcome");
  const room = matchMaker.getLocalRoomById(code)!;
  const commits = vi.spyOn(SqliteStore.prototype, "commit");
  try {
    // A change in this turn (a client leaving) schedules the turn's flush; Colyseus disposes
    // the room before it runs, as a shutdown does.
    room.onLeave!({ sessionId: "gone" } as never, 1000);
    commits.mockClear();
    room.onDispose!();
    await new Promise((r) => setImmediate(r));
    await sleep(30);
    expect(commits).not.toHaveBeenCalled();
  } finally {
    commits.mockRestore();
  }
});

it("keeps each server's rooms on that server's own store", async () => {
  const a = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, events: false } });
  const { code } = await a.message("welcome");
  const room = matchMaker.getLocalRoomById(code) as unknown as { ctx: { store: GameStore; settings: { dataDir: string } } };
  expect(room.ctx.settings.dataDir).toBe(b.dataDir);
  expect(await room.ctx.store.hasGame(code)).toBe(true);
});
