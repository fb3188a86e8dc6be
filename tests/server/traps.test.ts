/**
 * Classroom traps over real websockets: a double click on a facilitator command does one thing,
 * a seat a bot holds is locked for its students until they take it back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boot, Player, sleep, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
beforeAll(async () => { b = await boot(); });
afterAll(async () => { await b.stop(); });

async function classWith(config: Record<string, unknown>, seats: readonly string[] = ["UA"]) {
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { rounds: 4, seed: 3, events: false, ...config } });
  const code = (await f.message("welcome")).code as string;
  const p: Record<string, Player> = {};
  for (const c of seats) {
    p[c] = await Player.join(b.url, code, { name: `S ${c}`, role: "player", delegation: c });
    await p[c].message("welcome");
  }
  await waitUntil(() => seats.every((c) => f.json().delegations[c].members.length === 1), "members");
  return { f, p, code };
}

/** What a console button sends: the command and the phase, round and timer it was clicked on. */
const expectNow = (s: any) => ({ phase: s.phase, round: s.round, deadline: s.deadline, remaining: s.remaining });

describe("double clicks on the console", () => {
  it("Advance phase twice (same expectation) ends one round; the second is refused as stale", async () => {
    const { f } = await classWith({ roundSeconds: 0, bots: false });
    await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round" && s.round === 1);
    const seen = expectNow(f.json());
    const errors = f.of("error").length;
    f.send("facilitator", { type: "advance", expect: seen });
    f.send("facilitator", { type: "advance", expect: seen });
    await waitUntil(() => f.of("error").length > errors, "the second click's refusal");
    await sleep(100);
    expect(f.json()).toMatchObject({ phase: "round", round: 2 });
    expect(f.of("error").slice(errors)).toEqual([expect.objectContaining({ code: "phase/stale", action: "advance" })]);
    expect(f.of("error")[errors].message).toMatch(/already|moved on/i);
  });

  it("Extend 1 minute twice adds one minute; without `expect` the command still works", async () => {
    const { f } = await classWith({ roundSeconds: 300, bots: false });
    await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
    const before = f.json().deadline;
    const seen = expectNow(f.json());
    const errors = f.of("error").length;
    f.send("facilitator", { type: "extend", seconds: 60, expect: seen });
    f.send("facilitator", { type: "extend", seconds: 60, expect: seen });
    await waitUntil(() => f.of("error").length > errors && f.json().deadline !== before, "one extension and a refusal");
    await sleep(100);
    expect(f.of("error").slice(errors).map((e: any) => e.code)).toEqual(["phase/stale"]);
    expect(f.json().deadline).toBe(before + 60_000);
    await f.act("facilitator", { type: "extend", seconds: 60 }, (s) => s.deadline === before + 120_000);
  });

  it("a malformed expectation is refused as malformed", async () => {
    const { f } = await classWith({ roundSeconds: 0, bots: false });
    const errors = f.of("error").length;
    f.send("facilitator", { type: "start", expect: { phase: "nowhere", round: 0 } });
    await waitUntil(() => f.of("error").length > errors, "refusal");
    expect(f.of("error")[errors].code).toBe("payload/invalid");
    expect(f.json().phase).toBe("lobby");
  });
});

describe("a bot holding a seat", () => {
  it("locks its students out (seat/bot) until one of them takes the seat back", async () => {
    const { f, p } = await classWith({ roundSeconds: 0, bots: true }, ["UA", "RU"]);
    await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
    await f.act("facilitator", { type: "setBot", delegation: "UA", bot: true }, (s) => s.delegations.UA.bot);
    const errors = p.UA.of("error").length;
    p.UA.send("action", { type: "propose", clause: { type: "ceasefire" } });
    p.UA.send("action", { type: "signal", signal: "appealToAllies" });
    await waitUntil(() => p.UA.of("error").length >= errors + 2, "two refusals");
    expect(p.UA.of("error").slice(errors).map((e: any) => e.code)).toEqual(["seat/bot", "seat/bot"]);
    expect(p.UA.of("error")[errors].message).toMatch(/bot.*Take the seat back/i);
    expect(p.UA.json().clauses.filter((c: any) => c.proposer === "UA" && c.type === "ceasefire")).toHaveLength(0);
    // Talk changes nothing the bot plays: the students may still speak.
    await p.UA.act("action", { type: "say", to: "table", text: "Still here" }, (s) => s.table.some((t: any) => t.from === "UA" && t.text === "Still here"));

    // Only the seat's own students can take it back; then their moves count again.
    const ruErrors = p.RU.of("error").length;
    p.RU.send("takeSeat", {});
    await waitUntil(() => p.RU.of("error").length > ruErrors, "RU refused");
    expect(p.RU.of("error")[ruErrors].code).toBe("rule/no_change");
    expect(p.UA.json().delegations.UA.bot).toBe(true);
    await p.UA.act("takeSeat", {}, (s) => !s.delegations.UA.bot);
    expect(p.UA.json().table.at(-1)?.text ?? "").toMatch(/take back/i);
    await p.UA.act("action", { type: "say", to: "table", text: "Back" }, (s) => s.table.some((t: any) => t.from === "UA" && t.text === "Back"));
  });
});

describe("checking a join code before the picker", () => {
  it("answers a live game with its team sizes, an unknown code in words, and adds no one to the game", async () => {
    const { f, code } = await classWith({ roundSeconds: 0, bots: false }, ["UA"]);
    await Player.join(b.url, code, { name: "Second", role: "player", delegation: "UA" }).then((p) => p.message("welcome"));
    await waitUntil(() => f.json().delegations.UA.members.length === 2, "two in UA");
    const roster = f.of("roster").at(-1).length;
    const live = await fetch(`${b.url.replace(/^ws/, "http")}/api/games/${code.toLowerCase()}`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ code, status: "live", solo: false, teams: { RU: 0, UA: 2, US: 0, EU: 0, BY: 0 } });
    const none = await fetch(`${b.url.replace(/^ws/, "http")}/api/games/ZZZZZZ`);
    expect(none.status).toBe(404);
    expect((await none.json()).message).toMatch(/no game with the code/i);
    await sleep(100);
    expect(f.of("roster").at(-1).length).toBe(roster);
    expect(f.json().delegations.UA.members).toHaveLength(2);
  });

  it("spends the failed-lookup budget: once it is gone, every code is refused alike", async () => {
    const own = await boot({ guessBurst: 3, guessesPerSecond: 0.001 });
    try {
      const http = own.url.replace(/^ws/, "http");
      const f = await Player.create(own.url, { name: "T", role: "facilitator", config: { bots: false } });
      const code = (await f.message("welcome")).code;
      expect((await fetch(`${http}/api/games/${code}`)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await fetch(`${http}/api/games/QQQQQ${"ACD"[i]}`)).status).toBe(404);
      expect((await fetch(`${http}/api/games/QQQQQE`)).status).toBe(429);
      expect((await fetch(`${http}/api/games/${code}`)).status).toBe(429);
      // The matchmaker shares the budget: a wrong code by joinById is refused the same way.
      await expect(Player.join(own.url, "QQQQQF", { name: "X", role: "player", delegation: "RU" })).rejects.toThrow(/too_many_guesses/);
    } finally {
      await own.stop();
    }
  });
});
