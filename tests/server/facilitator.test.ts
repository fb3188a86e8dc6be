/**
 * The facilitator's console: every command works for the facilitator and is refused, with an
 * error and no change, for anyone else.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { boot, Player, sleep, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot(); });
afterAll(async () => { await b.stop(); });

const COMMANDS = [
  { type: "start" }, { type: "pause" }, { type: "resume" }, { type: "advance" }, { type: "extend", seconds: 60 },
  { type: "inject", event: "euSummit" }, { type: "assign", member: "m2", delegation: "UA" },
  { type: "setBot", delegation: "EU", bot: true }, { type: "kick", member: "m2" }, { type: "end" },
];

it("refuses every facilitator command from a player and a spectator", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { bots: false } });
  const code = (await f.message("welcome")).code;
  const ru = await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  const spec = await Player.join(b.url, code, { name: "P", role: "spectator" });
  await ru.message("welcome");
  await sleep(50);
  const before = JSON.stringify(f.json());
  for (const cmd of COMMANDS) {
    for (const p of [ru, spec]) {
      p.send("facilitator", cmd);
      const e = await p.next("error");
      expect(e).toMatchObject({ code: "role/not_facilitator", action: cmd.type });
    }
  }
  await sleep(50);
  expect(JSON.stringify(f.json())).toBe(before);
});

it("runs every facilitator command", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 300, bots: false, events: false } });
  const code = (await f.message("welcome")).code;
  const ru = await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  const ua = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
  const ruMember = (await ru.message("welcome")).member;
  const uaMember = (await ua.message("welcome")).member;
  const roster = await f.message("roster", (r) => r.length === 3);
  expect(roster.find((l: any) => l.member === ruMember)).toMatchObject({ name: "Ivan", role: "player", delegation: "RU", connected: true });

  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round" && s.round === 1);
  const deadline = f.json().deadline;
  expect(deadline).toBeGreaterThan(Date.now() + 290_000);

  await f.act("facilitator", { type: "pause" }, (s) => s.paused);
  f.send("facilitator", { type: "pause" });
  expect((await f.next("error")).code).toBe("rule/no_change");
  await f.act("facilitator", { type: "resume" }, (s) => !s.paused);
  const d1 = f.json().deadline;
  await f.act("facilitator", { type: "extend", seconds: 60 }, (s) => s.deadline >= d1 + 60_000);

  const unity = f.json().euUnity;
  await f.act("facilitator", { type: "inject", event: "euSummit" }, (s) => s.euUnity === unity + 1);
  expect(f.json().event).toBe("euSummit");

  // A bot takes the empty EU seat and plays (the fallback bot readies up).
  await f.act("facilitator", { type: "setBot", delegation: "EU", bot: true }, (s) => s.delegations.EU.bot);
  await waitUntil(() => f.json().delegations.EU.ready, "EU bot ready");

  // assign: Ivan moves from Russia to Ukraine; his client is told.
  await f.act("facilitator", { type: "assign", member: ruMember, delegation: "UA" }, (s) => s.delegations.UA.members.length === 2);
  expect(f.json().delegations.RU.members).toHaveLength(0);
  expect((await ru.message("welcome", (w) => w.delegation === "UA")).delegation).toBe("UA");
  await ru.message("briefing", (x) => x.delegation === "UA");
  await ru.act("action", { type: "say", to: "table", text: "Now I speak for Kyiv" }, (s) => s.table.some((e: any) => e.from === "UA" && e.text === "Now I speak for Kyiv"));

  // kick: Olena is removed, disconnected, and her token no longer opens the door.
  const uaToken = ua.of("welcome")[0].playerToken;
  const left = new Promise<number>((r) => ua.room.onLeave((c: number) => r(c)));
  await f.act("facilitator", { type: "kick", member: uaMember }, (s) => s.delegations.UA.members.length === 1);
  expect(await left).toBeGreaterThan(0);
  await expect(Player.join(b.url, code, { name: "Olena", role: "player", playerToken: uaToken })).rejects.toThrow(/bad_token/);
  f.send("facilitator", { type: "kick", member: "m99" });
  expect((await f.next("error")).code).toBe("room/no_member");

  await f.act("facilitator", { type: "advance" }, (s) => s.round === 2);
  await f.act("facilitator", { type: "end" }, (s) => s.phase === "debrief");
  expect(f.json().outcome.id).toBeTruthy();
  f.send("facilitator", { type: "advance" });
  expect((await f.next("error")).code).toBe("phase/wrong");
});

it("lets the facilitator rejoin with the facilitator token only", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { bots: false } });
  const w = await f.message("welcome");
  await f.leave();
  await expect(Player.join(b.url, w.code, { name: "T", role: "facilitator" })).rejects.toThrow(/no_token/);
  await expect(Player.join(b.url, w.code, { name: "T", role: "facilitator", facilitatorToken: "x".repeat(24) })).rejects.toThrow(/bad_token/);
  const again = await Player.join(b.url, w.code, { name: "T", role: "facilitator", facilitatorToken: w.facilitatorToken });
  const w2 = await again.message("welcome");
  expect(w2).toMatchObject({ role: "facilitator", code: w.code, facilitatorToken: w.facilitatorToken, member: w.member });
  await again.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
});

it("fills empty seats with bots at start, hands a seat back to arriving students, and refills it after a kick", async () => {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { roundSeconds: 0, bots: true, events: false } });
  const code = (await f.message("welcome")).code;
  const ru = await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  const ruMember = (await ru.message("welcome")).member;
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  const s = f.json();
  expect(s.delegations.RU.bot).toBe(false);
  for (const c of ["UA", "US", "EU", "BY"]) expect(s.delegations[c].bot).toBe(true);
  const us = await Player.join(b.url, code, { name: "Sam", role: "player", delegation: "US" });
  await us.message("welcome");
  await waitUntil(() => f.json().delegations.US.bot === false, "students take the US seat back");
  await f.act("facilitator", { type: "kick", member: ruMember }, (st) => st.delegations.RU.members.length === 0);
  await waitUntil(() => f.json().delegations.RU.bot === true, "a bot takes the emptied RU seat");
});
