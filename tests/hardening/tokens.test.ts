/**
 * Tokens and roles (issue 7): tokens carry ≥ 128 random bits, are never put in state, logs or
 * the database in clear, a forged or wrong-role token is refused, and only the facilitator can
 * run the console or read the reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "@colyseus/sdk";
import { framesContain, framesOf } from "./capture.ts";
import { errorsOf, facilitated, Player, seat, ServerProcess, sleep, spectator, waitUntil } from "./harness.ts";

let srv: ServerProcess;
beforeAll(async () => { srv = await ServerProcess.start(); }, 60_000);
afterAll(async () => { await srv?.dispose(); });

/** base64url / hex / base64 → bits of the decoded value. */
function tokenBits(t: string): number {
  if (/^[0-9a-f]+$/i.test(t) && t.length % 2 === 0 && t.length >= 32) return t.length * 4;
  return Math.floor((t.replace(/=+$/, "").length * 6) / 8) * 8;
}

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    const r = await p;
    await (r as { leave?: (c: boolean) => Promise<unknown> })?.leave?.(true);
  } catch (e) {
    return String((e as Error)?.message ?? e);
  }
  throw new Error("the join was accepted");
}

describe("tokens", () => {
  it("are at least 128 bits of randomness, distinct, and never in the synced state, logs or database", async () => {
    const { f, code, token: fac } = await facilitated(srv, { bots: true });
    const seats = await Promise.all(["RU", "UA", "US", "EU", "BY", "BY"].map((d, i) => seat(srv, code, d, `Student ${i}`)));
    const spec = await spectator(srv, code);
    const specToken = (await spec.message("welcome")).playerToken as string;
    const tokens = [fac, specToken, ...seats.map((s) => s.token)];
    for (const t of tokens) {
      expect(typeof t).toBe("string");
      expect(t.length).toBeGreaterThanOrEqual(16);
      expect(tokenBits(t)).toBeGreaterThanOrEqual(128);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    // Many more, to catch a weak generator (repeats, shared prefixes): spectators one after
    // another (a game holds a few at a time).
    const more: { playerToken: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const s = await spectator(srv, code);
      more.push(await s.message("welcome"));
      await s.leave();
    }
    const all = [...tokens, ...more.map((w) => w.playerToken as string)];
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all.map((t) => t.slice(0, 8))).size).toBe(all.length);

    f.send("facilitator", { type: "start" });
    await waitUntil(() => f.json().phase === "briefing", "briefing");
    await sleep(200);
    for (const p of [f, spec, ...seats.map((s) => s.p)]) {
      const state = JSON.stringify(p.json());
      for (const t of all) expect(state).not.toContain(t);
    }
    // Never logged by the server process, never stored in clear (SQLite file and its WAL).
    for (const t of all) expect(srv.output).not.toContain(t);
    const files = readdirSync(srv.dataDir).map((n) => readFileSync(join(srv.dataDir, n)));
    expect(files.length).toBeGreaterThan(0);
    for (const t of all) for (const buf of files) expect(buf.includes(Buffer.from(t))).toBe(false);
  });

  it("a forged, malformed or other game's token is refused; a player token is not a facilitator token", async () => {
    const a = await facilitated(srv);
    const b = await facilitated(srv);
    const { token: player } = await seat(srv, a.code, "UA");
    const c = () => new Client(srv.url);
    const forged = randomBytes(18).toString("base64url");
    expect(await refused(c().joinById(a.code, { name: "x", role: "player", playerToken: forged }))).toMatch(/bad_token/);
    expect(await refused(c().joinById(a.code, { name: "x", role: "facilitator", facilitatorToken: forged }))).toMatch(/bad_token/);
    expect(await refused(c().joinById(a.code, { name: "x", role: "facilitator" }))).toMatch(/no_token/);
    expect(await refused(c().joinById(a.code, { name: "x", role: "facilitator", facilitatorToken: player }))).toMatch(/not_facilitator/);
    expect(await refused(c().joinById(a.code, { name: "x", role: "facilitator", playerToken: player }))).toMatch(/not_facilitator/);
    // A token is bound to its game.
    expect(await refused(c().joinById(b.code, { name: "x", role: "player", playerToken: player }))).toMatch(/bad_token/);
    expect(await refused(c().joinById(b.code, { name: "x", role: "facilitator", facilitatorToken: a.token }))).toMatch(/bad_token/);
    // Malformed tokens: short, huge (over the matchmaking body cap), wrong type, look-alike of the real one.
    for (const t of ["", "short", "x".repeat(5000), 12345678901234567890, { $gt: "" }, [player], player.slice(0, -1) + (player.endsWith("A") ? "B" : "A")]) {
      expect(await refused(c().joinById(a.code, { name: "x", role: "player", playerToken: t }))).toMatch(/join\/|bad_token|invalid|over 4 KB/);
    }
    // The right tokens still work.
    const again = await Player.join(srv.url, a.code, { name: "UA again", role: "player", playerToken: player });
    expect((await again.message("welcome")).delegation).toBe("UA");
    const fac = await Player.join(srv.url, a.code, { name: "T", role: "facilitator", facilitatorToken: a.token });
    expect((await fac.message("welcome")).role).toBe("facilitator");
  });

  it("the create options cannot restore, hijack or re-create a game", async () => {
    const a = await facilitated(srv);
    const c = new Client(srv.url);
    expect(await refused(c.create("table", { name: "x", role: "facilitator", restore: a.code, restoreSecret: "guess" }))).toMatch(/forbidden|restor/i);
    expect(await refused(c.create("table", { name: "x", role: "facilitator", restore: a.code }))).toMatch(/forbidden|restor/i);
    expect(await refused(c.create("table", { name: "x", role: "player", delegation: "RU" }))).toMatch(/create\/role/);
    expect(await refused(c.create("table", { name: "x", role: "spectator" }))).toMatch(/create\/role/);
    // The original game is untouched and still answers its facilitator.
    a.f.send("facilitator", { type: "start" });
    await waitUntil(() => a.f.json().phase === "briefing", "briefing");
  });

  it("are compared through fixed-length SHA-256 hashes with timingSafeEqual (constant time), whatever the input", async () => {
    const { hashToken, newToken, tokenMatches } = await import("../../server/store/tokens.ts");
    const src = readFileSync(join(import.meta.dirname, "..", "..", "server", "store", "tokens.ts"), "utf8");
    expect(src).toMatch(/timingSafeEqual\(/);
    const t = newToken();
    const h = hashToken(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenMatches(t, h)).toBe(true);
    for (const wrong of [`x${t.slice(1)}`, `${t.slice(0, -1)}x`, t.slice(0, 8), `${t}${t}`, "", "x".repeat(10_000), 42, null, { toString: () => t }]) {
      expect(tokenMatches(wrong, h)).toBe(false);
    }
    expect(tokenMatches(t, "")).toBe(false);
  });

  it("a kicked student's token is dead", async () => {
    const { f, code } = await facilitated(srv);
    const { p, token } = await seat(srv, code, "RU", "Kicked");
    const member = (await p.message("welcome")).member as string;
    f.send("facilitator", { type: "kick", member });
    await waitUntil(() => !p.room.connection.isOpen, "the kicked socket to close");
    expect(await refused(new Client(srv.url).joinById(code, { name: "back", role: "player", playerToken: token }))).toMatch(/bad_token/);
  });
});

describe("roles", () => {
  const COMMANDS = [
    { type: "start" }, { type: "pause" }, { type: "resume" }, { type: "advance" }, { type: "extend", seconds: 60 },
    { type: "inject", event: "eu-summit" }, { type: "setBot", delegation: "RU", bot: true }, { type: "end" },
    { type: "assign", member: "m2", delegation: "RU" }, { type: "kick", member: "m2" },
  ];

  it("players and spectators cannot run facilitator commands, nor smuggle them in as actions", async () => {
    const { f, code } = await facilitated(srv, { bots: false });
    const { p } = await seat(srv, code, "BY");
    const { p: ru } = await seat(srv, code, "RU");
    const s = await spectator(srv, code);
    const before = JSON.stringify(f.json());
    for (const who of [p, s]) {
      const n = errorsOf(who).length;
      for (const cmd of COMMANDS) who.send("facilitator", cmd);
      for (const cmd of COMMANDS) who.send("action", cmd);
      await waitUntil(() => errorsOf(who).length >= n + COMMANDS.length * 2, "an error for every command", 8000);
      const codes = errorsOf(who).slice(n).map((e) => e.code);
      expect(codes.slice(0, COMMANDS.length).every((c) => c === "role/not_facilitator")).toBe(true);
      expect(codes.slice(COMMANDS.length).every((c) => c !== "rate_limited" && c.length > 0)).toBe(true);
    }
    await sleep(200);
    // Nothing moved: still the lobby, nobody kicked, no bot seated.
    expect(JSON.stringify(f.json())).toBe(before);
    expect(ru.room.connection.isOpen).toBe(true);
    expect(p.room.connection.isOpen).toBe(true);
  });

  it("reports need this game's facilitator token: 401 without, 403 for anyone else's", async () => {
    const a = await facilitated(srv);
    const b = await facilitated(srv);
    const { token: player } = await seat(srv, a.code, "RU");
    const spec = await spectator(srv, a.code);
    const specToken = (await spec.message("welcome")).playerToken as string;
    for (const format of ["json", "csv", "html"]) {
      expect((await srv.report(a.code, undefined, format)).status).toBe(401);
      expect((await srv.report(a.code, "", format)).status).toBe(401);
      const basic = await fetch(`${srv.http}/api/games/${a.code}/report?format=${format}`, { headers: { Authorization: `Basic ${btoa(`x:${a.token}`)}` } });
      expect(basic.status).toBe(401);
      for (const t of [player, specToken, b.token, randomBytes(18).toString("base64url"), `${a.token}x`, a.token.toLowerCase() === a.token ? a.token.toUpperCase() : a.token.toLowerCase()]) {
        const r = await srv.report(a.code, t, format);
        expect(r.status).toBe(403);
        const body = await r.text();
        expect(body).not.toContain(a.token);
        expect(body).not.toMatch(/RU student|Teacher/);
      }
      expect((await srv.report(a.code, a.token, format)).status).toBe(200);
    }
    // The query string is no way in either, and the report lists no tokens.
    expect((await fetch(`${srv.http}/api/games/${a.code}/report?format=json&token=${a.token}`)).status).toBe(401);
    const json = await (await srv.report(a.code, a.token)).text();
    for (const t of [a.token, player, specToken]) expect(json).not.toContain(t);
    for (const path of [`/api/games/${a.code.toLowerCase()}x/report`, "/api/games/..%2F..%2Fetc%2Fpasswd/report", "/api/games/%00/report"]) {
      const r = await fetch(`${srv.http}${path}`, { headers: { Authorization: `Bearer ${a.token}` } });
      expect([401, 403, 404, 429]).toContain(r.status); // 429: this client's failed lookups are spent
    }
  });

  it("no monitor or room listing is served, and the facilitator's roster carries no tokens", async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8"));
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain("@colyseus/monitor");
    for (const path of ["/colyseus", "/colyseus/api", "/monitor", "/matchmake", "/matchmake/table"]) {
      const r = await fetch(`${srv.http}${path}`);
      const body = await r.text();
      expect(body).not.toMatch(/"roomId"|"clients"\s*:|colyseus monitor/i);
    }
    const { f, code } = await facilitated(srv);
    const { token } = await seat(srv, code, "EU");
    await waitUntil(() => f.of("roster").some((r: { name: string }[]) => r.some((l) => l.name === "EU student")), "the roster");
    expect(framesContain(framesOf(f.room.sessionId), token)).toBe(false);
    expect(JSON.stringify(f.of("roster"))).not.toContain(token);
  });
});
