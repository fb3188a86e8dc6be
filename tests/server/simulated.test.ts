/**
 * The class against the simulated distribution: the maths of a game's standing, the job
 * (deterministic for a config whatever the threads, kept in the game store, bounded by its budget,
 * cancelled when nobody waits), and the room (progress before the result, the job stopped when
 * the room closes).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SimJobs, type SimStatus } from "../../server/sim/jobs.ts";
import { jobsFor } from "../../server/sim/index.ts";
import { keyOf, seedOf, specOf, type SimSpec } from "../../server/sim/key.ts";
import { SqliteStore } from "../../server/store/sqlite.ts";
import { addGame, emptyTally, histogram, mean, merge, seatsAgainst, standing } from "../../server/sim/stats.ts";
import { boot, Player, waitUntil, type Booted } from "./helpers.ts";

const dirs: string[] = [];
const stores: SqliteStore[] = [];
/** A game store of its own (SQLite in a fresh folder), as a server has. */
const store = (dir = mkdtempSync(join(tmpdir(), "seat-sim-"))) => {
  dirs.push(dir);
  const st = new SqliteStore(dir);
  stores.push(st);
  return st;
};
afterAll(async () => {
  for (const st of stores) await st.close().catch(() => undefined);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const spec = (games: number, rounds = 2): SimSpec => specOf("minsk-window", { rounds, events: true, venue: "" }, games);

/** Follows a job to its end; every status it heard, in order. */
function follow(jobs: SimJobs, s: SimSpec): { heard: SimStatus[]; end: Promise<SimStatus>; stop: () => void } {
  const heard: SimStatus[] = [];
  let stop = () => {};
  const end = new Promise<SimStatus>((resolve) => {
    stop = jobs.watch(s, (st) => {
      heard.push(st);
      if (st.status === "done" || st.status === "failed") resolve(st);
    });
  });
  return { heard, end, stop };
}

describe("standing maths", () => {
  const h = { "-2": 1, "0": 3, "4": 4, "9": 2 }; // 10 games
  it("percentile is the share strictly below; level the share equal", () => {
    expect(standing(h, 4)).toEqual({ percentile: 40, level: 40 });
    expect(standing(h, 9)).toEqual({ percentile: 80, level: 20 });
    expect(standing(h, -5)).toEqual({ percentile: 0, level: 0 });
    expect(standing(h, 10)).toEqual({ percentile: 100, level: 0 });
    expect(standing(h, 1)).toEqual({ percentile: 40, level: 0 });
    expect(standing({}, 3)).toEqual({ percentile: 0, level: 0 });
    expect(standing({ "0": 1, "1": 1, "2": 1 }, 1)).toEqual({ percentile: 33.3, level: 33.3 });
  });
  it("mean and histogram", () => {
    expect(mean(h)).toBe((-2 + 0 + 16 + 18) / 10);
    expect(histogram(h)).toEqual([[-2, 1], [0, 3], [4, 4], [9, 2]]);
  });
  it("tallies merge to the same counts however the games are split", () => {
    const games = [
      { o: "collapse", s: { RU: 1, UA: -2, US: 0, EU: 3, BY: -1 } },
      { o: "no_deal", s: { RU: 0, UA: 0, US: 0, EU: 0, BY: 2 } },
      { o: "collapse", s: { RU: 1, UA: 4, US: 1, EU: 3, BY: 2 } },
    ] as const;
    const one = emptyTally();
    for (const g of games) addGame(one, g.o, g.s);
    const a = emptyTally();
    const b = emptyTally();
    addGame(a, games[0].o, games[0].s);
    for (const g of games.slice(1)) addGame(b, g.o, g.s);
    expect(merge(emptyTally(), merge(b, a))).toEqual(one);
    expect(one.outcomes).toEqual({ collapse: 2, no_deal: 1 });
    const seats = seatsAgainst(one, { RU: 1, UA: 4, US: 1, EU: 3, BY: 2 });
    expect(seats.BY).toEqual({ score: 2, mean: 1, percentile: 33.3, level: 66.7, histogram: [[-1, 1], [2, 2]] });
  });
});

describe("the job", () => {
  it("the seed comes from the setup alone", () => {
    expect(seedOf(spec(10))).toBe(seedOf(spec(10)));
    expect(seedOf(spec(10, 3))).not.toBe(seedOf(spec(10, 2)));
    expect(seedOf(specOf("minsk-window", { rounds: 2, events: true, venue: "Geneva" }, 10))).not.toBe(seedOf(spec(10)));
  });

  it("same config → same counts, with one thread or two; progress comes before the result", async () => {
    const s = spec(24);
    const one = follow(new SimJobs({ store: store(), games: 24, threads: 1, budgetMs: 120_000 }), s);
    const two = follow(new SimJobs({ store: store(), games: 24, threads: 2, budgetMs: 120_000 }), s);
    const [a, b] = await Promise.all([one.end, two.end]);
    expect(a.status).toBe("done");
    expect(b.status).toBe("done");
    if (a.status !== "done" || b.status !== "done") return;
    expect(a.dist.games).toBe(24);
    expect(a.dist.partial).toBe(false);
    const counts = (d: typeof a.dist) => ({ games: d.games, outcomes: d.outcomes, scores: d.scores });
    expect(counts(b.dist)).toEqual(counts(a.dist));
    expect(Object.values(a.dist.outcomes).reduce((x, y) => x + y, 0)).toBe(24);
    // Where the job stood came first: queued or running, never the result.
    const statuses = one.heard.map((h) => h.status);
    expect(statuses.at(-1)).toBe("done");
    expect(statuses.slice(0, -1).length).toBeGreaterThan(0);
    expect(statuses.slice(0, -1).every((x) => x === "queued" || x === "running")).toBe(true);
    expect(statuses).toContain("running");
  }, 120_000);

  it("a result is kept in the game store: another server of that store plays no game", async () => {
    const st = store();
    const s = spec(8, 1);
    const first = await follow(new SimJobs({ store: st, games: 8, threads: 1, budgetMs: 60_000 }), s).end;
    expect(first.status).toBe("done");
    expect(JSON.parse((await st.simulation(keyOf(s)))!.body)).toMatchObject({ games: 8, partial: false });
    const again = new SimJobs({ store: st, games: 8, threads: 1, budgetMs: 60_000 });
    const f = follow(again, s);
    const second = await f.end;
    expect(again.threads).toBe(0);
    expect(f.heard.map((h) => h.status)).toEqual(["done"]);
    if (first.status === "done" && second.status === "done") expect(second.dist.outcomes).toEqual(first.dist.outcomes);
  }, 60_000);

  it("one job per setup: a second follower shares it", async () => {
    const jobs = new SimJobs({ store: store(), games: 8, threads: 1, budgetMs: 60_000 });
    const a = follow(jobs, spec(8, 1));
    const b = follow(jobs, spec(8, 1));
    await waitUntil(() => jobs.threads > 0, "a thread");
    expect(jobs.threads).toBe(1);
    const [x, y] = await Promise.all([a.end, b.end]);
    expect(x).toBe(y);
  }, 60_000);

  it("the time budget stops the threads with a partial result, which is not stored", async () => {
    const st = store();
    // 8 s: long enough for a thread to start and finish some games on a busy machine (at 1.5 s a
    // loaded machine finished none, which is the job's "failed"), far short of 100,000 games.
    const jobs = new SimJobs({ store: st, games: 100_000, threads: 1, budgetMs: 8000 });
    // 100,000 games would take minutes: the result within the test's time is the budget's doing.
    const end = await follow(jobs, spec(100_000)).end;
    expect(end.status).toBe("done");
    if (end.status === "done") {
      expect(end.dist.partial).toBe(true);
      expect(end.dist.games).toBeGreaterThan(0);
      expect(end.dist.games).toBeLessThan(100_000);
    }
    expect(await st.simulation(keyOf(spec(100_000)))).toBeNull();
    await waitUntil(() => jobs.threads === 0, "threads gone");
  }, 60_000);

  it("the last follower to stop cancels the job: its threads exit", async () => {
    const jobs = new SimJobs({ store: store(), games: 100_000, threads: 2, budgetMs: 600_000 });
    const a = follow(jobs, spec(100_000));
    const b = follow(jobs, spec(100_000));
    await waitUntil(() => jobs.threads === 2, "two threads");
    a.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(jobs.threads).toBe(2);
    b.stop();
    await waitUntil(() => jobs.threads === 0, "threads gone", 5000);
  }, 30_000);
});

describe("the room", () => {
  let b: Booted | undefined;
  afterAll(async () => {
    await b?.stop();
  });

  /** A facilitator's one-round game with bots, advanced to the debrief. */
  async function finished(url: string): Promise<{ fac: Player; code: string; token: string }> {
    const fac = await Player.create(url, { name: "T", role: "facilitator", config: { rounds: 1, roundSeconds: 0, seed: 7 } });
    const w = await fac.message("welcome");
    await fac.act("facilitator", { type: "start" }, (s) => s.phase === "briefing");
    for (let i = 0; i < 6 && fac.json().phase !== "debrief"; i++) {
      const phase = fac.json().phase;
      await fac.act("facilitator", { type: "advance" }, (s) => s.phase !== phase);
    }
    expect(fac.json().phase).toBe("debrief");
    return { fac, code: w.code, token: w.facilitatorToken };
  }

  it("sends progress, then the result with each delegation's standing; a latecomer gets it; the report carries it", async () => {
    b = await boot({ simGames: 12, simThreads: 1 });
    const { fac, code, token } = await finished(b.url);
    const done = await fac.message("simulated", (m) => m.status === "done", 60_000);
    const all = fac.of("simulated");
    expect(all.indexOf(done)).toBeGreaterThan(0);
    expect(all.slice(0, all.indexOf(done)).every((m) => m.status === "running" || m.status === "queued")).toBe(true);
    expect(done).toMatchObject({ status: "done", done: 12, total: 12, result: { games: 12, partial: false } });
    const outcome = fac.json().outcome;
    for (const c of ["RU", "UA", "US", "EU", "BY"]) {
      const seat = done.result.scores[c];
      expect(seat.score).toBe(outcome.scores[c]);
      expect(seat.histogram.reduce((n: number, [, k]: [number, number]) => n + k, 0)).toBe(12);
      expect(seat.percentile + seat.level).toBeLessThanOrEqual(100);
    }
    // Someone arriving after the result hears it after their welcome.
    const late = await Player.join(b.url, code, { name: "P", role: "spectator" });
    await late.message("welcome");
    expect(await late.message("simulated")).toEqual(done);

    const get = (format: string) => fetch(`${b!.http}/api/games/${code}/report?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    const report = await (await get("json")).json();
    expect(Object.keys(report.simulated).sort()).toEqual(["games", "outcomes", "scores"]);
    expect(report.simulated.games).toBe(12);
    expect(report.simulated.outcomes).toEqual(done.result.outcomes);
    for (const c of ["RU", "UA", "US", "EU", "BY"]) {
      expect(report.simulated.scores[c]).toEqual({ mean: done.result.scores[c].mean, percentile: done.result.scores[c].percentile });
    }
    const html = await (await get("html")).text();
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain("12 simulated games");
    expect(html).not.toMatch(/<script/i);
    await late.leave();
    await fac.leave();
  }, 120_000);

  it("closing the room stops its job's threads", async () => {
    await b?.stop();
    b = await boot({ simGames: 100_000, simThreads: 1, finishedIdleMs: 300 });
    const { fac, code } = await finished(b.url);
    await fac.message("simulated", (m) => m.status === "running" && m.done > 0, 30_000);
    const jobs = jobsFor((b.colyseus.getRoomById(code) as any).ctx);
    expect(jobs.threads).toBe(1);
    await fac.leave(); // the finished room closes 300 ms after its last client leaves
    await waitUntil(() => jobs.threads === 0, "threads gone", 10_000);
  }, 120_000);
});
