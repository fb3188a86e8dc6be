/** Solo pacing on the server: the bots finish, the player idles, the round moves on soon, visibly. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot({ botDelayMs: [0, 5] }); });
afterAll(async () => { await b.stop(); });

it("once every bot is ready, an idle player's round ends after a short countdown shown in the state", async () => {
  // 12-second rounds: the countdown after the bots are done is a quarter, 3 s.
  const p = await Player.create(b.url, { name: "Solo", role: "player", delegation: "BY", solo: true, config: { rounds: 3, roundSeconds: 12, events: false, seed: 4 } });
  await p.message("welcome");
  await waitUntil(() => p.json().phase === "briefing", "briefing");
  await p.act("action", { type: "ready", ready: true }, (s) => s.phase === "round" && s.round === 1);
  const started = Date.now();
  const full = p.json().deadline;
  expect(full).toBeGreaterThan(started + 9_000);
  const bots = ["RU", "UA", "US", "EU"];
  await waitUntil(() => p.json().round > 1 || bots.every((c) => p.json().delegations[c].ready), "every bot ready", 8000);
  if (p.json().round === 1) {
    // The countdown is in the synced deadline, which is what the timer on every screen shows.
    expect(p.json().deadline).toBeLessThan(full);
    expect(p.json().deadline).toBeLessThanOrEqual(Date.now() + 3_100);
  }
  await waitUntil(() => p.json().round >= 2 || p.json().phase !== "round", "round 2", 9000);
  expect(Date.now() - started).toBeLessThan(9_000);
  expect(p.json().delegations.BY.ready).toBe(false);
  expect((b.colyseus.getRoomById(p.room.roomId) as any).botRefusals).toBe(0);
});
