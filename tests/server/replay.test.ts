/**
 * The replay route: the facilitator, a student of that game and a share-key holder get the
 * finished game's engine log (which replays to the stored outcome); a wrong token, a wrong key
 * and an unknown code get one and the same refusal; a live game is refused in words; failures
 * are budgeted.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { scenarioOf, Timeline, type LogEntry } from "../../shared/rules/index.ts";
import { shareKey } from "../../server/http/replay.ts";
import { boot, Player, waitUntil, type Booted } from "./helpers.ts";

let b: Booted;
let code: string;
let token: string;
let ruToken: string;
let liveCode: string;
let liveToken: string;
let outcome: any;
let kickedToken: string;

beforeAll(async () => {
  b = await boot();
  const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { rounds: 1, roundSeconds: 0, seed: 7, bots: false, events: false } });
  const w = await f.message("welcome");
  code = w.code;
  token = w.facilitatorToken;
  const ru = await Player.join(b.url, code, { name: "Ivan", role: "player", delegation: "RU" });
  ruToken = (await ru.message("welcome")).playerToken;
  const ua = await Player.join(b.url, code, { name: "Olena", role: "player", delegation: "UA" });
  const eu = await Player.join(b.url, code, { name: "Gone", role: "player", delegation: "EU" });
  const euWelcome = await eu.message("welcome");
  kickedToken = euWelcome.playerToken;
  await f.act("facilitator", { type: "kick", member: euWelcome.member }, (s) => s.delegations.EU.members.length === 0);
  await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
  await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
  await ru.act("action", { type: "say", to: "table", text: "We are here to talk." }, (s) => s.table.some((e: any) => e.text === "We are here to talk."));
  await ua.act("action", { type: "say", to: ["RU"], text: "psst" });
  await ru.message("private");
  await f.act("facilitator", { type: "end" }, (s) => s.phase === "debrief");
  outcome = JSON.parse(JSON.stringify(f.json().outcome));
  const g = await Player.create(b.url, { name: "T2", role: "facilitator", config: { rounds: 1, roundSeconds: 0, seed: 8, bots: false } });
  const w2 = await g.message("welcome");
  liveCode = w2.code;
  liveToken = w2.facilitatorToken;
});
afterAll(async () => { await b.stop(); });

const get = (path: string, auth?: string) => fetch(b.http + path, { headers: auth ? { Authorization: auth } : {} });

it("gives the facilitator the engine log, the names at each seat and the share link", async () => {
  const r = await get(`/api/games/${code}/replay`, `Bearer ${token}`);
  expect(r.status).toBe(200);
  expect(r.headers.get("cache-control")).toBe("no-store");
  const j = await r.json();
  expect(j).toMatchObject({ code, scenario: "minsk-window", config: { rounds: 1, seed: 7 }, viewer: "facilitator" });
  // Engine entries only (no assign/kick audit rows), in order, with time and who.
  const report = await (await get(`/api/games/${code}/report?format=json`, `Bearer ${token}`)).json();
  const engine = report.log.filter((e: any) => e.kind === "engine").map((e: any) => ({ seq: e.seq, time: e.time, who: e.who, action: e.action }));
  expect(report.log.some((e: any) => e.kind === "room")).toBe(true);
  expect(j.entries).toEqual(engine);
  expect(j.entries.some((e: any) => e.who === "facilitator" && e.action.type === "start")).toBe(true);
  expect(j.entries.every((e: any) => typeof e.time === "number" && typeof e.who === "string")).toBe(true);
  expect(j.entries.some((e: any) => e.who === "UA" && e.action.type === "say" && e.action.text === "psst")).toBe(true);
  expect(j.members.map((m: any) => [m.name, m.delegation])).toEqual(expect.arrayContaining([["Ivan", "RU"], ["Olena", "UA"]]));
  expect(JSON.stringify(j.members)).not.toMatch(/token|"id"/i);
  const { hashToken } = await import("../../server/store/tokens.ts");
  for (const secret of [token, ruToken, hashToken(token), hashToken(ruToken)]) expect(JSON.stringify(j)).not.toContain(secret);
  // The log replays through the engine to the game that was played.
  // The objectives the engine scores with (left out of the client bundle; revealed in any debrief).
  expect(j.objectives).toEqual(scenarioOf("minsk-window").objectives);
  const entries: LogEntry[] = j.entries.map((e: any) => ({ who: e.who, action: e.action, now: e.time }));
  const end = new Timeline(j.config, entries, j.scenario).state(entries.length);
  expect(end.phase).toBe("debrief");
  expect(report.outcome).toMatchObject(JSON.parse(JSON.stringify(end.outcome)));
  expect(end.outcome!.id).toBe(outcome.id);
  expect(j.share.link).toBe(`/?replay=${code}&key=${j.share.key}`);
  expect(j.share.key).toMatch(/^[A-Za-z0-9_-]{22}$/);
});

it("opens for a student of that game (no share link) and for the share key (no bearer)", async () => {
  const p = await (await get(`/api/games/${code}/replay`, `Bearer ${ruToken}`)).json();
  expect(p.viewer).toBe("player");
  expect(p.share).toBeUndefined();
  const key = (await (await get(`/api/games/${code}/replay`, `Bearer ${token}`)).json()).share.key;
  const r = await get(`/api/games/${code}/replay?key=${key}`);
  expect(r.status).toBe(200);
  const s = await r.json();
  expect(s.viewer).toBe("shared");
  expect(s.share).toBeUndefined();
  expect(s.entries.length).toBe(p.entries.length);
});

it("refuses a wrong token, a removed student's token, a wrong key, another game's key and an unknown code with one answer", async () => {
  const key = (await (await get(`/api/games/${code}/replay`, `Bearer ${token}`)).json()).share.key;
  const answers = await Promise.all([
    get(`/api/games/${code}/replay`, `Bearer ${"x".repeat(24)}`),
    get(`/api/games/${code}/replay`, `Bearer ${liveToken}`),
    get(`/api/games/${code}/replay`, `Bearer ${kickedToken}`),
    get(`/api/games/${code}/replay?key=${"A".repeat(22)}`),
    get(`/api/games/${code}/replay?key=${key.slice(0, 21)}`),
    get(`/api/games/${liveCode}/replay?key=${key}`),
    get(`/api/games/AAAAAA/replay`, `Bearer ${token}`),
    get(`/api/games/AAAAAA/replay?key=${key}`),
    get(`/api/games/not-a-code/replay`, `Bearer ${token}`),
  ]);
  const bodies = await Promise.all(answers.map(async (r) => [r.status, await r.text()]));
  expect(new Set(bodies.map((x) => JSON.stringify(x))).size).toBe(1);
  expect(bodies[0]![0]).toBe(403);
  expect(JSON.parse(String(bodies[0]![1])).code).toBe("replay/denied");
  expect((await get(`/api/games/${code}/replay`)).status).toBe(401);
  // The key is the HMAC of the code under the stored facilitator hash: checkable from the record alone.
  const { hashToken } = await import("../../server/store/tokens.ts");
  expect(shareKey(code, hashToken(token))).toBe(key);
  expect(shareKey(liveCode, hashToken(liveToken))).not.toBe(key);
});

it("refuses a game still being played, in words, only to someone who may see it", async () => {
  const r = await get(`/api/games/${liveCode}/replay`, `Bearer ${liveToken}`);
  expect(r.status).toBe(409);
  const j = await r.json();
  expect(j.code).toBe("replay/not_finished");
  expect(j.message).toMatch(/still being played/);
  expect((await get(`/api/games/${liveCode}/replay`, `Bearer ${token}`)).status).toBe(403);
});

it("gives a solo player the share link, keyed by their own token's hash", async () => {
  const p = await Player.create(b.url, { name: "Solo", role: "player", delegation: "BY", solo: true, config: { rounds: 1, roundSeconds: 30, seed: 5 } });
  const w = await p.message("welcome");
  await waitUntil(() => p.json().phase === "briefing", "briefing");
  expect((await get(`/api/games/${w.code}/replay`, `Bearer ${w.playerToken}`)).status).toBe(409);
  await p.act("action", { type: "ready", ready: true }, (s) => s.phase === "round");
  await p.act("action", { type: "ready", ready: true }, (s) => s.phase !== "round");
  if (p.json().phase === "signing" && p.json().delegations.BY.seat === "party") p.send("action", { type: "sign", sign: true });
  await waitUntil(() => p.json().phase === "debrief", "debrief", 15_000);
  await waitUntil(() => b.colyseus.getRoomById(w.code) === undefined || p.json().phase === "debrief", "stored");
  let r = await get(`/api/games/${w.code}/replay`, `Bearer ${w.playerToken}`);
  for (let i = 0; i < 50 && r.status === 409; i++) await new Promise((ok) => setTimeout(ok, 100)), (r = await get(`/api/games/${w.code}/replay`, `Bearer ${w.playerToken}`));
  expect(r.status).toBe(200);
  const j = await r.json();
  expect(j.viewer).toBe("player");
  const { hashToken } = await import("../../server/store/tokens.ts");
  expect(j.share.key).toBe(shareKey(w.code, hashToken(w.playerToken)));
  expect((await get(`/api/games/${w.code}/replay?key=${j.share.key}`)).status).toBe(200);
});

it("budgets failed requests like the report route", async () => {
  let last = 0;
  for (let i = 0; i < 40 && last !== 429; i++) last = (await get(`/api/games/${code}/replay`, `Bearer wrong${i}`)).status;
  expect(last).toBe(429);
  // Even the right token waits: the refusal comes before any lookup.
  expect((await get(`/api/games/${code}/replay`, `Bearer ${token}`)).status).toBe(429);
});
