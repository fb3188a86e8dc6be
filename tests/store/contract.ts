/**
 * The store contract (server/store/types.ts), run against each implementation: the SQLite file
 * (sqlite.test.ts) and PostgreSQL (postgres.test.ts). A backend gives fresh stores on one
 * database (each like another process's connection) and the environment a child process needs
 * to open it.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../server/http/report.ts";
import { PG_MIGRATIONS, SQLITE_MIGRATIONS } from "../../server/store/migrations.ts";
import { hashToken } from "../../server/store/tokens.ts";
import { Fenced, type GameStore, type LogRow, type MemberRow } from "../../server/store/types.ts";
import { newGame } from "../../shared/rules/index.ts";

export interface Backend {
  /** A new store on the backend's database. */
  open(): GameStore;
  /** What a child process needs to open the same database (server/store/index.ts openStore). */
  env: Record<string, string>;
  /** Whether two stores share leases (PostgreSQL); SQLite's are held by its one process. */
  shared: boolean;
  /** Runs SQL on the database directly. */
  exec(sql: string): Promise<void>;
  stop(): Promise<void>;
}

let codes = 0;
/** A fresh join-code-shaped key per test. */
export const freshCode = (): string => `T${(++codes).toString(36).toUpperCase().padStart(3, "0")}${Math.floor(Math.random() * 36 ** 2).toString(36).toUpperCase().padStart(2, "0")}`;

const row = (seq: number, extra: Partial<LogRow> = {}): LogRow => ({ seq, time: 1_000 + seq, who: "UA", student: "m1", kind: "engine", action: { type: "say", to: "table", text: `line ${seq}` }, ...extra });
const member = (id: string, extra: Partial<MemberRow> = {}): MemberRow => ({ id, name: `Name ${id}`, role: "player", delegation: "UA", tokenHash: hashToken(`token-${id}`), joined: 5, kicked: false, ...extra });

export function storeContract(label: string, make: () => Promise<Backend>): void {
  describe(`the ${label} store`, () => {
    let b: Backend;
    let st: GameStore;
    const opened: GameStore[] = [];
    const open = () => {
      const s = b.open();
      opened.push(s);
      return s;
    };
    const create = async (s: GameStore, code = freshCode(), owner = "p1", ttlMs = 60_000) => {
      const config = newGame({ seed: 7 }).config;
      expect(await s.createGame(code, "minsk-window", config, "facilitator-token", 100, owner, ttlMs)).toBe(true);
      return code;
    };

    beforeAll(async () => {
      b = await make();
      st = open();
      await st.ready();
    }, 60_000);
    afterAll(async () => {
      for (const s of opened) await s.close().catch(() => undefined);
      await b?.stop();
    }, 30_000);

    it("keeps a game's config, seed, status and outcome; a taken code is refused", async () => {
      const code = await create(st);
      expect(await st.hasGame(code)).toBe(true);
      expect(await st.hasGame("NOSUCH")).toBe(false);
      const g = await st.game(code);
      expect(g).toMatchObject({ code, created: 100, scenario: "minsk-window", status: "live", finished: 0, outcome: null });
      expect(g!.config.seed).toBe(7);
      expect(await st.createGame(code, "minsk-window", g!.config, "", 200, "p2", 1000)).toBe(false);
      expect((await st.game(code))!.created).toBe(100);
      st.setStatus(code, "finished", 900, { kind: "no_deal" } as never);
      await st.flush(code);
      expect(await open().game(code)).toMatchObject({ status: "finished", finished: 900, outcome: { kind: "no_deal" } });
    });

    it("returns the log in order, exactly as appended, to another connection after the flush", async () => {
      const code = await create(st);
      for (let i = 1; i <= 40; i++) st.append(code, row(i, i % 7 === 0 ? { kind: "room", who: "facilitator", action: { type: "kick", member: "m2" } } : {}));
      await st.flush(code);
      const other = open();
      const log = await other.log(code);
      expect(log.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(log[6]).toEqual(row(7, { kind: "room", who: "facilitator", action: { type: "kick", member: "m2" } }));
      expect(log[0]).toEqual(row(1));
      expect(await other.log("NOSUCH")).toEqual([]);
    });

    it("stores members with token hashes only; the last write of a member wins", async () => {
      const code = await create(st);
      expect(await st.facilitatorHash(code)).toBe(hashToken("facilitator-token"));
      st.putMember(code, member("m1"));
      st.putMember(code, member("m2", { joined: 6, delegation: "RU" }));
      st.putMember(code, member("m1", { delegation: "EU", name: "Renamed" }));
      st.putMember(code, member("m2", { kicked: true }));
      await st.flush(code);
      const ms = await open().members(code);
      // An upsert changes name, delegation and kicked; role, token and join time stay the first's.
      expect(ms).toEqual([member("m1", { delegation: "EU", name: "Renamed" }), member("m2", { joined: 6, kicked: true })]);
      expect(JSON.stringify(ms)).not.toContain("token-m1");
    });

    it("changes a game's record stamp whenever its report would change", async () => {
      const code = await create(st);
      const seen = new Set([await st.recordStamp(code)]);
      const step = async (f: () => void) => {
        f();
        await st.flush(code);
        const s = await st.recordStamp(code);
        expect(seen.has(s)).toBe(false);
        seen.add(s);
      };
      await step(() => st.append(code, row(1)));
      await step(() => st.putMember(code, member("m1")));
      await step(() => st.putMember(code, member("m1", { delegation: "RU" })));
      await step(() => st.putMember(code, member("m1", { kicked: true })));
      await step(() => st.setStatus(code, "finished", 5, null));
      expect(await st.recordStamp("NOSUCH")).toBe("");
    });

    it("survives a killed process: every row acknowledged after a flush is there", async () => {
      const code = freshCode();
      const child = spawn(process.execPath, ["tests/store/writer.ts"], { env: { ...process.env, ...b.env, CODE: code }, stdio: ["ignore", "pipe", "pipe"] });
      let err = "";
      child.stderr.on("data", (d) => (err += d));
      let acked = 0;
      await new Promise<void>((ok, fail) => {
        const lines = createInterface({ input: child.stdout });
        lines.on("line", (l) => {
          const m = /^ack (\d+)$/.exec(l);
          if (m) acked = Number(m[1]);
          if (acked >= 150) ok();
        });
        child.once("exit", () => fail(new Error(`the writer exited: ${err.slice(0, 500)}`)));
      });
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await gone;
      const other = open();
      const log = await other.log(code);
      expect(log.length).toBeGreaterThanOrEqual(acked);
      expect(log.map((r) => r.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
      expect((await other.members(code)).length).toBeGreaterThanOrEqual(acked / 3);
    }, 60_000);

    it("builds a report from the store alone", async () => {
      const code = await create(st);
      st.putMember(code, member("m1", { name: "Olena" }));
      st.append(code, { seq: 1, time: 200, who: "facilitator", student: "", kind: "engine", action: { type: "start" } });
      st.append(code, { seq: 2, time: 300, who: "UA", student: "m1", kind: "engine", action: { type: "say", to: "table", text: "We want a ceasefire." } });
      await st.flush(code);
      const report = await buildReport(open(), code);
      expect(report).toMatchObject({ code, status: "live", scenario: "minsk-window" });
      expect(report!.log.map((r) => [r.seq, r.name])).toEqual([[1, ""], [2, "Olena"]]);
      expect(report!.participation.find((p) => p.member === "m1")).toMatchObject({ name: "Olena", statements: 1 });
      expect(await buildReport(open(), "NOSUCH")).toBeNull();
    });

    it("leases: claims, renewals, releases and the games left to restore", async () => {
      const code = await create(st, freshCode(), "p1");
      expect(st.held(code)).toBe(1);
      st.putMember(code, member("m1"));
      await st.flush(code);
      expect(await st.expired()).not.toContain(code); // held by p1
      expect(await st.renew("p1", 60_000)).toContain(code);
      await st.release(code, "p1");
      expect(st.held(code)).toBeNull();
      const other = open();
      expect(await other.expired()).toContain(code); // released: anyone may restore it
      const g = await other.claim(code, "p2", 60_000);
      // Shared leases count generations in the database; SQLite's one process counts its own.
      expect(g).toBe(b.shared ? 2 : 1);
      expect(other.held(code)).toBe(g);
      expect(await other.expired()).not.toContain(code);
      // A game nobody joined is not worth a restore.
      const empty = await create(st, freshCode(), "p1", 1);
      await st.release(empty, "p1");
      expect(await other.expired()).not.toContain(empty);
    });

    it("records its schema version; refuses a database a newer server migrated", async () => {
      const known = (b.shared ? PG_MIGRATIONS : SQLITE_MIGRATIONS).length;
      expect(await st.health()).toMatchObject({ store: b.shared ? "postgres" : "sqlite", ok: true, schema: known });
      await b.exec("INSERT INTO schema_migrations (version, applied) VALUES (99, 0)");
      try {
        await expect((async () => {
          const s = b.open();
          opened.push(s);
          await s.ready();
        })()).rejects.toThrow(new RegExp(`schema version 99, newer than this server's ${known}`));
      } finally {
        await b.exec("DELETE FROM schema_migrations WHERE version = 99");
      }
      const again = open();
      await again.ready();
      expect((await again.health()).schema).toBe(known);
    });

    it("keeps a setup's simulated distribution for every connection; a new one replaces it", async () => {
      const key = `setup-${freshCode()}`;
      expect(await st.simulation(key)).toBeNull();
      await st.putSimulation(key, JSON.stringify({ games: 3 }), 1_000);
      const other = open();
      await other.ready();
      expect(await other.simulation(key)).toEqual({ body: JSON.stringify({ games: 3 }), stored: 1_000 });
      await other.putSimulation(key, JSON.stringify({ games: 4 }), 2_000);
      expect(await st.simulation(key)).toEqual({ body: JSON.stringify({ games: 4 }), stored: 2_000 });
    });
  });
}

/** Leases shared between processes (PostgreSQL): fencing, expiry, a claim waiting on a commit. */
export function sharedLeaseContract(label: string, make: () => Promise<Backend & { holdCommits(): Promise<() => Promise<void>> }>): void {
  describe(`the ${label} store's leases across processes`, () => {
    let b: Awaited<ReturnType<typeof make>>;
    const opened: GameStore[] = [];
    const open = () => {
      const s = b.open();
      opened.push(s);
      return s;
    };
    beforeAll(async () => {
      b = await make();
    }, 60_000);
    afterAll(async () => {
      for (const s of opened) await s.close().catch(() => undefined);
      await b?.stop();
    }, 30_000);

    const create = async (s: GameStore, owner: string, ttlMs: number) => {
      const code = freshCode();
      expect(await s.createGame(code, "minsk-window", newGame({ seed: 3 }).config, "", 1, owner, ttlMs)).toBe(true);
      return code;
    };

    it("refuses a claim while another owner's lease runs; takes it once expired; fences the old owner's writes", async () => {
      const a = open();
      const bb = open();
      const code = await create(a, "A", 300);
      a.putMember(code, member("m1"));
      a.append(code, row(1));
      await a.flush(code);
      expect(await bb.claim(code, "B", 60_000)).toBeNull();
      await new Promise((r) => setTimeout(r, 400));
      expect(await bb.expired()).toContain(code);
      expect(await bb.claim(code, "B", 60_000)).toBe(2);
      // The old owner goes on writing (a stalled process that woke up): dropped and reported.
      a.append(code, row(2, { text: "stale" } as never));
      a.putMember(code, member("m9"));
      await expect(a.flush(code)).rejects.toBeInstanceOf(Fenced);
      await expect(a.flush(code)).rejects.toMatchObject({ codes: [code] });
      a.append(code, row(3));
      await expect(a.flush(code)).rejects.toBeInstanceOf(Fenced);
      expect(await a.renew("A", 60_000)).not.toContain(code);
      // The new owner's writes go in; the old owner's never appear.
      bb.append(code, row(2));
      await bb.flush(code);
      const log = await open().log(code);
      expect(log).toEqual([row(1), row(2)]);
      expect((await open().members(code)).map((m) => m.id)).toEqual(["m1"]);
    });

    it("fences only the game that moved: the same commit keeps the other game's writes", async () => {
      const a = open();
      const kept = await create(a, "A", 60_000);
      const lost = await create(a, "A", 1);
      await new Promise((r) => setTimeout(r, 20));
      expect(await open().claim(lost, "B", 60_000)).toBe(2);
      a.append(kept, row(1));
      a.append(lost, row(1));
      const results = await Promise.allSettled([a.flush(kept), a.flush(lost), a.flush()]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(await open().log(kept)).toEqual([row(1)]);
      expect(await open().log(lost)).toEqual([]);
    });

    it("a claim waits for an in-flight commit: the old owner's last writes are in before it returns", async () => {
      const a = open();
      const bb = open();
      const code = await create(a, "A", 1);
      await new Promise((r) => setTimeout(r, 20)); // A's lease has run out: B may claim
      const unlock = await b.holdCommits(); // A's commit will lock its game's row, then wait
      a.append(code, row(1));
      const flushed = a.flush(code).then(() => "committed", (e) => `failed: ${e}`);
      await new Promise((r) => setTimeout(r, 200)); // A's commit is in flight, blocked
      let claimed: number | null | undefined;
      const claim = bb.claim(code, "B", 60_000).then((g) => (claimed = g));
      await new Promise((r) => setTimeout(r, 300));
      try {
        expect(claimed).toBeUndefined(); // waiting on A's row lock
      } finally {
        await unlock();
      }
      expect(await flushed).toBe("committed");
      await claim;
      expect(claimed).toBe(2);
      expect(await open().log(code)).toEqual([row(1)]);
      a.append(code, row(2));
      await expect(a.flush(code)).rejects.toBeInstanceOf(Fenced);
    });

    it("renews the leases it holds; an expired but unclaimed lease is still the owner's", async () => {
      const a = open();
      const code = await create(a, "A", 100);
      await new Promise((r) => setTimeout(r, 150));
      expect(await a.renew("A", 60_000)).toContain(code);
      expect(await open().claim(code, "B", 60_000)).toBeNull();
      a.append(code, row(1));
      await a.flush(code);
      expect(await open().log(code)).toEqual([row(1)]);
    });
  });
}
