/**
 * The server on the shared PostgreSQL store: a class plays on one process while another process
 * on the same database answers the join-code lookup and the teacher's reports; what a client sees
 * is already committed; /healthz names the store without its password. Skipped without
 * PostgreSQL's server binaries, except in CI.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, hasPostgres, startPostgres, type RunningPostgres } from "../../scripts/load/postgres.ts";
import { startServerProcess, type RunningServer } from "../../scripts/load/serverProcess.ts";
import { boot, Player, waitUntil, type Booted } from "../server/helpers.ts";
import { PG_MIGRATIONS } from "../../server/store/migrations.ts";

const available = hasPostgres();
if (!available && process.env.CI) throw new Error("PostgreSQL is not installed (CI needs it: see .ci/run)");

describe.skipIf(!available)("the server on PostgreSQL", () => {
  let cluster: RunningPostgres;
  let url = "";
  let a: Booted;
  let b: RunningServer;
  let db: pg.Client;
  const dir = mkdtempSync(join(tmpdir(), "seat-pg-server-"));
  const players: Player[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
    // A password in the URL (trust authentication ignores it): it must never be shown.
    const u = new URL(await createDatabase(cluster.url));
    u.password = "pw-not-shown";
    url = u.toString();
    a = await boot({ databaseUrl: url, simGames: 12 });
    b = await startServerProcess({ entry: "server/main.ts", env: { DATABASE_URL: url, BOT_DELAY_MS: "0" }, dir });
    db = new pg.Client({ connectionString: url });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    for (const p of players) await p.leave();
    await db?.end();
    await b?.stop();
    await a?.stop();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it("plays on one process; every line a client sees is already in the database; the other process reports it", async () => {
    const f = await Player.create(a.url, { name: "T", role: "facilitator", config: { rounds: 1, roundSeconds: 0, seed: 5, bots: false, events: false } });
    players.push(f);
    const w = await f.message("welcome");
    const ua = await Player.join(a.url, w.code, { name: "Olena", role: "player", delegation: "UA" });
    players.push(ua);
    await ua.message("welcome");
    const logged = async (text: string) =>
      (await db.query("SELECT 1 FROM actions WHERE code = $1 AND action LIKE $2", [w.code, `%${text}%`])).rowCount === 1;

    await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    await f.act("facilitator", { type: "advance" }, (s) => s.phase === "round");
    for (let i = 0; i < 5; i++) {
      const text = `Line number ${i} for the table.`;
      ua.send("action", { type: "say", to: "table", text });
      // The facilitator's copy of the table shows it: by then the row must be committed.
      await waitUntil(() => f.json().table.some((e: { text: string }) => e.text === text), "the line at the table", 5000);
      expect(await logged(text)).toBe(true);
    }

    // The lookup and the report from the other process.
    const look = await fetch(`${b.http}/api/games/${w.code}`);
    expect(look.status).toBe(200);
    expect(await look.json()).toMatchObject({ code: w.code, status: "live", teams: { UA: 1 } });
    const r = await fetch(`${b.http}/api/games/${w.code}/report?format=json`, { headers: { authorization: `Bearer ${w.facilitatorToken}` } });
    expect(r.status).toBe(200);
    const report = await r.json();
    expect(report.log.filter((e: { action: { type: string } }) => e.action.type === "say")).toHaveLength(5);
    expect(report.participation.find((p: { name: string }) => p.name === "Olena")).toMatchObject({ statements: 5 });
    const denied = await fetch(`${b.http}/api/games/${w.code}/report`, { headers: { authorization: `Bearer ${"x".repeat(24)}` } });
    expect(denied.status).toBe(403);

    // The lease is this process's, renewed; not offered to anyone else for a restore.
    const lease = await db.query("SELECT owner, generation, lease_until > now() AS live FROM games WHERE code = $1", [w.code]);
    expect(lease.rows[0]).toMatchObject({ generation: 1, live: true });
    expect(lease.rows[0].owner).not.toBe("");
  });

  it("a finished game's distribution, played where the game ended, is in the other process's report", async () => {
    const f = await Player.create(a.url, { name: "T", role: "facilitator", config: { rounds: 1, roundSeconds: 0, seed: 9, events: false } });
    players.push(f);
    const w = await f.message("welcome");
    await f.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    for (let i = 0; i < 10 && f.json().phase !== "debrief"; i++) await f.act("facilitator", { type: "advance" }, () => true);
    await waitUntil(() => f.json().phase === "debrief", "the debrief", 10_000);
    await f.message("simulated", (m) => m.status === "done", 60_000);
    const r = await fetch(`${b.http}/api/games/${w.code}/report?format=json`, { headers: { authorization: `Bearer ${w.facilitatorToken}` } });
    expect(r.status).toBe(200);
    const report = await r.json();
    expect(report.simulated).toMatchObject({ games: 12 });
    expect(Object.values(report.simulated.outcomes as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(12);
    expect((await db.query("SELECT count(*)::int AS n FROM simulations")).rows[0].n).toBe(1);
  }, 90_000);

  it("reports the store on /healthz without the URL or its password", async () => {
    for (const http of [a.http, b.http]) {
      const res = await fetch(`${http}/healthz`);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({ ok: true, store: "postgres", storeHealth: { store: "postgres", ok: true, schema: PG_MIGRATIONS.length } });
      expect(text).not.toContain("pw-not-shown");
      expect(text).not.toContain("postgres://");
    }
  });
});
