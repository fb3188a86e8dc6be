/**
 * Admission and capacity under attack (a script with the join code, or a stranger with curl):
 * reservations cannot lock a class, spectators are capped and removable, every way of making a
 * game pays the create budget, addresses come from the socket (or the trusted proxy's own hop),
 * a teacher's create gets through a flood, and join codes cannot be tried at speed.
 * Real in-process servers on 127.0.0.1; attackers send raw matchmaking requests from other
 * loopback addresses.
 */
import { matchMaker } from "@colyseus/core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CODE_ALPHABET } from "../../shared/protocol/messages.ts";
import { boot, Player, sleep, waitUntil, type Booted } from "../server/helpers.ts";
import { matchmake, roomOf } from "./matchmake.ts";

const MANUAL = { roundSeconds: 0, events: false, bots: false };
let servers: Booted[] = [];
async function server(settings: Parameters<typeof boot>[0] = {}, dataDir?: string): Promise<Booted> {
  const b = await boot(settings, dataDir);
  servers.push(b);
  return b;
}
afterEach(async () => {
  for (const b of servers) await b.stop();
  servers = [];
});

async function classWithStudent(b: Booted) {
  const f = await Player.create(b.url, { name: "Teacher", role: "facilitator", config: MANUAL });
  const w = await f.message("welcome");
  const s = await Player.join(b.url, w.code, { name: "Ivan", role: "player", delegation: "RU" });
  return { f, code: w.code as string, facilitatorToken: w.facilitatorToken as string, playerToken: (await s.message("welcome")).playerToken as string, s };
}

const randomCode = (i: number) => Array.from({ length: 6 }, (_, k) => CODE_ALPHABET[(i * 7 + k * 13 + i * k) % CODE_ALPHABET.length]).join("");

describe("seat reservations cannot lock a class", () => {
  it("survives 100 bare and 100 spectator reservations: teacher, seated student and a new student all get in", async () => {
    // Unused reservations lapse after a second here (8 s by default), so the server stops quickly.
    const b = await server({ reservationSeconds: 1 });
    const { f, code, facilitatorToken, playerToken, s } = await classWithStudent(b);
    const bare = await Promise.all(Array.from({ length: 100 }, () => matchmake(b.http, "joinById", code, {}, { from: "127.0.0.2" })));
    const watch = await Promise.all(Array.from({ length: 100 }, () => matchmake(b.http, "joinById", code, { role: "spectator" }, { from: "127.0.0.2" })));
    // Bad options never reserve a seat; token-less reservations are bounded per address.
    expect(bare.filter((a) => a.error === "").length).toBe(0);
    expect(bare[0].error).toMatch(/join\/invalid/);
    expect(watch.filter((a) => a.error === "").length).toBeLessThanOrEqual(62);
    expect(watch.some((a) => /join\/too_many/.test(a.error))).toBe(true);

    await f.leave();
    await s.leave();
    const teacher = await Player.join(b.url, code, { name: "Teacher", role: "facilitator", facilitatorToken });
    expect((await teacher.message("welcome")).role).toBe("facilitator");
    const back = await Player.join(b.url, code, { name: "Ivan", role: "player", playerToken });
    expect((await back.message("welcome")).delegation).toBe("RU");
    const fresh = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
    expect((await fresh.message("welcome")).delegation).toBe("UA");
  });

  it("caps spectators, lists them in the facilitator's roster and lets the facilitator remove them", async () => {
    const b = await server({ maxSpectators: 2 });
    const { f, code } = await classWithStudent(b);
    const one = await Player.join(b.url, code, { name: "Projector", role: "spectator" });
    await one.message("welcome");
    const two = await Player.join(b.url, code, { name: "Lurker", role: "spectator" });
    await two.message("welcome");
    await expect(Player.join(b.url, code, { name: "Third", role: "spectator" })).rejects.toThrow(/join\/spectators_full/);
    const roster = await f.message("roster", (r: any[]) => r.filter((l) => l.role === "spectator").length === 2);
    const lurker = roster.find((l: any) => l.name === "Lurker");
    expect(lurker?.role).toBe("spectator");
    const closed = new Promise<number>((r) => two.room.onLeave((c: number) => r(c)));
    f.send("facilitator", { type: "kick", member: lurker.member });
    expect(await closed).toBe(4000);
    await f.next("roster", (r: any[]) => !r.some((l) => l.name === "Lurker"));
    const third = await Player.join(b.url, code, { name: "Third", role: "spectator" });
    expect((await third.message("welcome")).role).toBe("spectator");
  });

  it("lets an unused reservation lapse after the configured few seconds", async () => {
    const b = await server({ reservationSeconds: 1 });
    const { code } = await classWithStudent(b);
    const r = await matchmake(b.http, "joinById", code, { role: "spectator" }, { from: "127.0.0.2" });
    expect(r.error).toBe("");
    const room = matchMaker.getLocalRoomById(code)!;
    expect(room.hasReservedSeat(r.body.sessionId)).toBe(true);
    await waitUntil(() => !room.hasReservedSeat(r.body.sessionId), "the reservation to lapse", 3000);
  });
});

describe("every new game pays the create budget", () => {
  it("refuses each known bypass when the budget is spent", async () => {
    const b = await server({ createBurst: 0, createsPerSecond: 0, serverCreateBurst: 0, serverCreatesPerSecond: 0 });
    const token = "x".repeat(24);
    const tries = [
      matchmake(b.http, "create", "table", { name: "T", role: "facilitator" }),
      matchmake(b.http, "create", "table", { name: "T", role: "facilitator", facilitatorToken: token }),
      matchmake(b.http, "create", "table", { name: "T", role: "facilitator", restore: 1 }),
      matchmake(b.http, "create", "table", null, { raw: '{"__proto__":{"name":"T","role":"facilitator"}}' }),
      matchmake(b.http, "create", "table", { name: "S", role: "player", delegation: "RU", solo: true, playerToken: token }),
      matchmake(b.http, "joinOrCreate", "table", { name: "T", role: "facilitator" }),
      matchmake(b.http, "join", "table", { name: "T", role: "facilitator" }),
    ];
    const answers = await Promise.all(tries);
    expect(answers.map((a) => roomOf(a))).toEqual(answers.map(() => ""));
    expect((await matchMaker.query({})).length).toBe(0);
  });

  it("parses options strictly: unknown keys, junk in config and inherited values are refused", async () => {
    const b = await server();
    const junk = await matchmake(b.http, "create", "table", { name: "T", role: "facilitator", config: { junk: "x".repeat(2000) } });
    expect(junk.error).toMatch(/create\/invalid/);
    const extra = await matchmake(b.http, "create", "table", { name: "T", role: "facilitator", extra: 1 });
    expect(extra.error).toMatch(/join\/invalid/);
    const inherited = await matchmake(b.http, "create", "table", null, { raw: '{"__proto__":{"name":"T","role":"facilitator"}}' });
    expect(inherited.error).toMatch(/join\/invalid/);
    const forged = await matchmake(b.http, "create", "table", { restore: "ACDEFG", restoreSecret: "guess" });
    expect(roomOf(forged)).toBe("");
    expect((await matchMaker.query({})).length).toBe(0);
  });

  it("drops a game nobody joined, and never restores one after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "seat-unclaimed-"));
    try {
      const first = await boot({ unclaimedMs: 300 }, dir);
      const lapsed = roomOf(await matchmake(first.http, "create", "table", { name: "T", role: "facilitator" }));
      expect(lapsed).not.toBe("");
      await waitUntil(() => !matchMaker.getLocalRoomById(lapsed), "the unclaimed game to close", 3000);
      const kept = roomOf(await matchmake(first.http, "create", "table", { name: "T", role: "facilitator" }));
      await first.colyseus.shutdown(); // before its unclaimed timer: a crash right after the create
      const second = await boot({}, dir);
      servers.push({ ...second, stop: () => second.colyseus.shutdown() });
      expect(matchMaker.getLocalRoomById(kept)).toBeUndefined();
      expect(matchMaker.getLocalRoomById(lapsed)).toBeUndefined();
      expect((await matchmake(second.http, "joinById", kept, { role: "spectator" })).error).toMatch(/not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the create budget is per address, and a teacher gets through a flood", () => {
  const tight = { createBurst: 3, createsPerSecond: 0.001, serverCreateBurst: 6, serverCreatesPerSecond: 0.001 };

  it("behind a trusted proxy, keys on the hop the proxy adds: forged first hops and X-Real-IP do not help", async () => {
    const b = await server({ ...tight, trustProxy: true });
    const forged = await Promise.all(Array.from({ length: 20 }, (_, i) => matchmake(b.http, "create", "table", { name: "T", role: "facilitator" }, {
      headers: { "x-forwarded-for": `10.0.${i}.1, 198.51.100.7`, "x-real-ip": `10.1.${i}.1` },
    })));
    expect(forged.filter((a) => roomOf(a)).length).toBe(3);
    const teacher = await matchmake(b.http, "create", "table", { name: "T", role: "facilitator" }, { headers: { "x-forwarded-for": "198.51.100.8" } });
    expect(roomOf(teacher)).not.toBe("");
  });

  it("without a proxy, keys on the socket's address: headers are ignored", async () => {
    const b = await server(tight);
    const forged = await Promise.all(Array.from({ length: 10 }, (_, i) => matchmake(b.http, "create", "table", { name: "T", role: "facilitator" }, {
      from: "127.0.0.2", headers: { "x-forwarded-for": `10.0.${i}.1`, "x-real-ip": `10.1.${i}.1` },
    })));
    expect(forged.filter((a) => roomOf(a)).length).toBe(3);
  });

  it("a teacher's create succeeds while other addresses flood the server", async () => {
    const b = await server(tight);
    const flood = await Promise.all(["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"].flatMap((from) =>
      Array.from({ length: 5 }, () => matchmake(b.http, "create", "table", { name: "X", role: "facilitator" }, { from }))));
    expect(flood.filter((a) => roomOf(a)).length).toBeLessThanOrEqual(12);
    expect(flood.some((a) => /create\/too_many/.test(a.error))).toBe(true);
    const f = await Player.create(b.url, { name: "Teacher", role: "facilitator", config: MANUAL });
    expect((await f.message("welcome")).role).toBe("facilitator");
  });
});

describe("join codes cannot be tried at speed", () => {
  it("refuses an address's lookups once its failed ones are spent, also for a live code, but not a seat's token", async () => {
    const b = await server({ guessBurst: 10, guessesPerSecond: 0.001, reservationSeconds: 1 });
    const { code, facilitatorToken } = await classWithStudent(b);
    const guesses = [];
    for (let i = 0; i < 25; i++) guesses.push(await matchmake(b.http, "joinById", randomCode(i) === code ? "ACDEFG" : randomCode(i), { role: "spectator" }, { from: "127.0.0.2" }));
    expect(guesses.filter((a) => /not found/.test(a.error)).length).toBe(10);
    expect(guesses.slice(10).every((a) => /join\/too_many_guesses/.test(a.error))).toBe(true);
    const hit = await matchmake(b.http, "joinById", code, { role: "spectator" }, { from: "127.0.0.2" });
    expect(hit.error).toMatch(/join\/too_many_guesses/);
    const teacher = await matchmake(b.http, "joinById", code, { role: "facilitator", facilitatorToken }, { from: "127.0.0.2" });
    expect(teacher.error).toBe("");
    const classmate = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
    expect((await classmate.message("welcome")).delegation).toBe("UA");
  });

  it("logs one short line per refusal, and no more than a few a second", async () => {
    const b = await server({ guessBurst: 0, guessesPerSecond: 0 });
    const lines: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(" ")));
    const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(" ")));
    const t0 = Date.now();
    try {
      await Promise.all(Array.from({ length: 200 }, (_, i) => matchmake(b.http, "joinById", randomCode(i), { role: "spectator" })));
      await sleep(50);
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
    // Five lines a second, plus one summing up the rest: however long a busy machine took.
    const windows = Math.ceil((Date.now() - t0) / 1000) + 1;
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(Math.min(6 * windows, 199));
    for (const l of lines) {
      expect(l.length).toBeLessThan(200);
      expect(l).not.toMatch(/\n\s+at /);
    }
  });
});
