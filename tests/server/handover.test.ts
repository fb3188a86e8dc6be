/** Seat hand-over (issue 5): a seat whose students all left goes to a bot, and back on return. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot({ handOverMs: 300, botDelayMs: [0, 5] }); });
afterAll(async () => { await b.stop(); });

it("hands an abandoned seat to a bot, then back to the returning student with a summary", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, events: false } });
  const code = (await f.message("welcome")).code;
  const ua = await Player.join(b.url, code, { name: "Ana", role: "player", delegation: "UA" });
  const w = await ua.message("welcome");
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
  expect(f.json().delegations.UA.bot).toBe(false);

  await ua.leave();
  await waitUntil(() => f.json().delegations.UA.bot === true, "a bot to hold Ukraine's seat", 5000);
  expect(f.json().table.some((e: { text: string }) => /bot takes Ukraine/.test(e.text))).toBe(true);
  // The student still holds the seat in the roster: nobody else's seat, just played for now.
  expect(f.json().delegations.UA.members).toEqual([{ name: "Ana", connected: false }]);
  await f.act("facilitator", { type: "inject", event: "euSummit" }, (s) => s.table.some((e: { text: string }) => /EU summit/.test(e.text)));

  const back = await Player.join(b.url, code, { name: "", role: "player", playerToken: w.playerToken });
  const away = await back.message("event", (e) => e.kind === "away");
  expect(away.text).toMatch(/While you were away/);
  expect(away.text).toMatch(/\d+ entries on the table log/);
  await waitUntil(() => f.json().delegations.UA.bot === false, "Ukraine's seat back with its student");
});

it("leaves a seat the students hold alone, and never hands over with bots off", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: false, events: false } });
  const code = (await f.message("welcome")).code;
  const ru = await Player.join(b.url, code, { name: "Rus", role: "player", delegation: "RU" });
  await ru.message("welcome");
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await ru.leave();
  await new Promise((r) => setTimeout(r, 800));
  expect(f.json().delegations.RU.bot).toBe(false);
});

it("gives a seat back after a restart too, when where the table stood at the hand-over is unknown", async () => {
  const { HandOver } = await import("../../server/rooms/HandOver.ts");
  const { newGame, apply } = await import("../../shared/rules/index.ts");
  let s = newGame({ roundSeconds: 0 });
  for (const [a, who] of [[{ type: "seatHumans", delegation: "UA", humans: 1 }, "system"], [{ type: "start" }, "facilitator"], [{ type: "setBot", delegation: "UA", bot: true }, "system"]] as const) {
    const r = apply(s, a as never, who, 0);
    if (!r.ok) throw new Error(r.code);
    s = r.state;
  }
  const told: string[] = [];
  const h = new HandOver({
    state: () => s,
    seated: (code) => (code === "UA" ? { seated: 1, connected: 1 } : { seated: 0, connected: 0 }),
    lastSetBy: (code) => (code === "UA" ? "system" : ""),
    commit: (a) => {
      const r = apply(s, a, "system", 0);
      if (r.ok) s = r.state;
      return r.ok;
    },
    tell: (_code, text) => told.push(text),
    step: (fn) => fn(),
  }, 1000);
  h.check();
  h.stop();
  expect(s.delegations.UA.bot).toBe(false);
  expect(told).toHaveLength(1);
});
