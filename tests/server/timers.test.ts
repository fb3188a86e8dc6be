/** Round timers fire on the server ("tick" as system); readiness of every human delegation ends a round. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot(); });
afterAll(async () => { await b.stop(); });

it("ends a round when its timer runs out, and pause stops the clock", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { rounds: 4, roundSeconds: 1, bots: false, events: false } });
  const code = (await f.message("welcome")).code;
  await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.round === 1);
  await waitUntil(() => f.json().round === 2, "round 2 by timer", 8000);
  await f.act("facilitator", { type: "pause" }, (s) => s.paused);
  await new Promise((r) => setTimeout(r, 1300));
  expect(f.json().round).toBe(2);
  await f.act("facilitator", { type: "resume" }, (s) => !s.paused);
  await waitUntil(() => f.json().round === 3, "round 3 after resume", 8000);
  // Stopped again before reading the log; on a busy machine round 3's own second may already
  // have run out, so the count is read against the round the game reached.
  await f.act("facilitator", { type: "pause" }, (s) => s.paused);
  const reached = f.json().round;
  const log = await (await fetch(`${b.http}/api/games/${code}/report`, { headers: { Authorization: `Bearer ${f.of("welcome")[0].facilitatorToken}` } })).json();
  expect(log.log.filter((e: any) => e.who === "system" && e.action.type === "tick").length).toBe(reached - 1);
});

it("ends a round when every human delegation is ready", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 300, bots: false, events: false } });
  const code = (await f.message("welcome")).code;
  const ru = await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  const ua = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.round === 1);
  await ru.act("action", { type: "ready", ready: true }, (s) => s.delegations.RU.ready);
  expect(f.json().round).toBe(1);
  await ua.act("action", { type: "ready", ready: true }, (s) => s.round === 2);
});
