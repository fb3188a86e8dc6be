/** Solo: bots fill four seats, the game opens in the briefing, and a whole game can be played. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot({ botDelayMs: [0, 5] }); });
afterAll(async () => { await b.stop(); });

it("opens in the briefing with bots in the other seats and plays to the debrief", async () => {
  const p = await Player.create(b.url, { name: "Solo", role: "player", delegation: "BY", solo: true });
  const w = await p.message("welcome");
  expect(w).toMatchObject({ role: "player", delegation: "BY" });
  expect(w.facilitatorToken).toBeUndefined();
  await waitUntil(() => p.json().phase === "briefing", "briefing");
  const s = p.json();
  expect(s.deadline).toBeGreaterThan(Date.now() + 50_000);
  expect(s.deadline).toBeLessThanOrEqual(Date.now() + 60_000);
  expect(s.delegations.BY.bot).toBe(false);
  for (const c of ["RU", "UA", "US", "EU"]) expect(s.delegations[c].bot).toBe(true);
  expect((await p.message("briefing")).delegation).toBe("BY");

  // Others may watch a solo game but not take a seat in it.
  await expect(Player.join(b.url, w.code, { name: "X", role: "player", delegation: "RU" })).rejects.toThrow(/solo/);
  const spec = await Player.join(b.url, w.code, { name: "Screen", role: "spectator" });
  await spec.message("welcome");

  await p.act("action", { type: "ready", ready: true }, (st) => st.phase === "round" && st.round === 1);
  for (let round = 1; round <= 6 && p.json().phase === "round"; round++) {
    await p.act("action", { type: "ready", ready: true }, (st) => st.round > round || st.phase !== "round");
  }
  await waitUntil(() => p.json().phase === "signing" || p.json().phase === "debrief", "signing");
  if (p.json().phase === "signing" && p.json().delegations.BY.seat === "party") p.send("action", { type: "sign", sign: true });
  if (p.json().phase === "signing") {
    // Belarus has no seat to sign from: the bots sign and the game ends when every party has.
    await waitUntil(() => p.json().phase === "debrief", "debrief", 8000);
  }
  expect(p.json().phase).toBe("debrief");
  expect(p.json().outcome.id).toBeTruthy();
  // Bots played only legal moves: every one of their moves was accepted and is on the table.
  expect(p.json().table.length).toBeGreaterThan(5);
  expect((b.colyseus.getRoomById(w.code) as any).botRefusals).toBe(0);
});

it("a solo game takes the same config as a class (short rounds), and a venue set in advance", async () => {
  const p = await Player.create(b.url, { name: "Quick", role: "player", delegation: "BY", solo: true, config: { rounds: 2, roundSeconds: 30, venue: "Geneva" } });
  await p.message("welcome");
  await waitUntil(() => p.json().phase === "briefing", "briefing");
  expect(p.json().rounds).toBe(2);
  expect(p.json().venue).toBe("Geneva");
  await p.act("action", { type: "ready", ready: true }, (st) => st.phase === "round");
  expect(p.json().deadline).toBeLessThanOrEqual(Date.now() + 30_000);
  await expect(Player.create(b.url, { name: "T", role: "facilitator", config: { venue: "Atlantis" } })).rejects.toThrow(/venue/);
});
