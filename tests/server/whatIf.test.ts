/**
 * What-if over HTTP: who may ask (the facilitator's token, a solo game's player token; the same
 * refusal for an unknown code and a wrong token), the flip choices at a point, a run with its
 * progress and its result against the actual game, the limits (one run per game, a cap for the
 * server, a wall budget, bad input refused with nothing played), and every thread gone when the
 * server closes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whatIfStart } from "../../shared/bots/whatIf.ts";
import { apply, type GameState } from "../../shared/rules/index.ts";
import { whatIfLimits, whatIfThreads } from "../../server/http/whatIf.ts";
import { WhatIfRuns } from "../../server/sim/whatIf.ts";
import { liveGame } from "../bots/liveGame.ts";
import { FAC, seeded, SOLO } from "./finishedGames.ts";
import { boot, Player, sleep, waitUntil, type Booted } from "./helpers.ts";

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

describe("what-if routes", () => {
  let b: Booted;
  let played: Map<string, ReturnType<typeof liveGame>>;
  let liveCode = "";
  let liveToken = "";

  beforeAll(async () => {
    whatIfLimits.concurrent = 2;
    const s = await seeded([{ code: "FACGAM", seed: 5 }, { code: "PQRT34", seed: 6, solo: true }, { code: "XYWVU7", seed: 7 }]);
    played = s.played;
    b = await boot({ simThreads: 1 }, s.dir);
    const f = await Player.create(b.url, { name: "T", role: "facilitator", config: { rounds: 1, roundSeconds: 0 } });
    const w = await f.message("welcome");
    liveCode = w.code;
    liveToken = w.facilitatorToken;
  });
  afterAll(async () => { await b.stop(); });

  const get = (path: string, t?: string) => fetch(b.http + path, { headers: t ? auth(t) : {} });
  const post = (code: string, body: unknown, t = FAC) => fetch(`${b.http}/api/games/${code}/whatif`, { method: "POST", headers: { ...auth(t), "Content-Type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  /** A point just before a delegation's decision that has alternatives. */
  const decisionAt = (code: string, skip = 0): number => {
    const { spec, states } = played.get(code)!;
    return spec.entries.map((_, i) => i).filter((i) => ["respondStaging", "ruleMotion", "stance", "signal"].includes(spec.entries[i]!.action.type) && states[i]!.phase === "round")[skip]!;
  };
  async function finished(code: string, job: string, t = FAC): Promise<any> {
    const seen: number[] = [];
    for (let i = 0; i < 600; i++) {
      const j = await (await get(`/api/games/${code}/whatif/${job}`, t)).json();
      seen.push(j.done);
      if (j.state !== "running") return { ...j, seen };
      await sleep(100);
    }
    throw new Error("the run did not end");
  }

  it("asks for the game's token: the same refusal for an unknown code and a wrong token", async () => {
    expect((await get("/api/games/FACGAM/whatif?at=3")).status).toBe(401);
    const wrong = await get("/api/games/FACGAM/whatif?at=3", "x".repeat(24));
    const unknown = await get("/api/games/YYYYYY/whatif?at=3", FAC);
    expect(wrong.status).toBe(403);
    expect(unknown.status).toBe(403);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect((await post("XYWVU7", { at: 3 }, SOLO)).status).toBe(403);
    // A solo game opens to its player's token; it has no facilitator.
    expect((await get("/api/games/PQRT34/whatif?at=3", SOLO)).status).toBe(200);
    expect((await get("/api/games/PQRT34/whatif?at=3", FAC)).status).toBe(403);
  });

  it("plays from finished games only", async () => {
    const r = await post(liveCode, { at: 0 }, liveToken);
    expect(r.status).toBe(409);
    expect((await r.json()).code).toBe("whatif/not_finished");
  });

  it("lists the decision logged at a point and the legal moves of the same seat instead", async () => {
    const at = decisionAt("FACGAM");
    const { spec, states } = played.get("FACGAM")!;
    const j = await (await get(`/api/games/FACGAM/whatif?at=${at}`, FAC)).json();
    expect(j).toMatchObject({ at, entries: spec.entries.length, round: states[at]!.round, phase: "round", decision: { who: spec.entries[at]!.who } });
    expect(j.choices.length).toBeGreaterThan(0);
    for (const c of j.choices) expect(apply(states[at] as GameState, c.action, spec.entries[at]!.who, 0).ok).toBe(true);
    expect((await get(`/api/games/FACGAM/whatif?at=9999`, FAC)).status).toBe(400);
  });

  it("refuses bad asks with a clear error and plays nothing", async () => {
    const at = decisionAt("FACGAM");
    const cases: [unknown, string][] = [
      ["{not json", "whatif/invalid"],
      [{ at, extra: 1 }, "whatif/invalid"],
      [{ at, games: 0 }, "whatif/invalid"],
      [{ at, games: 1001 }, "whatif/invalid"],
      [{ at: -1 }, "whatif/invalid"],
      [{ at: 99999 }, "whatif/at"],
      [{ at: played.get("FACGAM")!.spec.entries.length }, "whatif/over"],
      [{ at, flip: { type: "ruleMotion", motion: "m404", approve: true } }, "whatif/illegal"],
      [{ at, flip: played.get("FACGAM")!.spec.entries[at]!.action }, "whatif/same_move"],
    ];
    for (const [body, code] of cases) {
      const r = await post("FACGAM", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      const j = await r.json();
      expect(j.code, JSON.stringify(body)).toBe(code);
      expect(j.message.length).toBeGreaterThan(10);
    }
    expect(whatIfThreads()).toBe(0);
  });

  it("plays a run on worker threads with progress, then its result against the actual game; a second ask meanwhile gets the same run", async () => {
    const at = decisionAt("FACGAM", 1);
    const r = await post("FACGAM", { at, games: 400 });
    expect(r.status).toBe(202);
    const job = await r.json();
    expect(job).toMatchObject({ state: "running", games: 400, at, flipped: false });
    const again = await (await post("FACGAM", { at: 2 })).json();
    expect(again.job).toBe(job.job);
    const end = await finished("FACGAM", job.job);
    expect(end.state).toBe("done");
    expect(end.seen.some((d: number) => d > 0 && d < 400)).toBe(true);
    const res = end.result;
    const actual = played.get("FACGAM")!.states.at(-1)!.outcome!;
    expect(res).toMatchObject({ games: 400, asked: 400, partial: false, actual: { outcome: actual.id, scores: actual.scores } });
    expect(Object.values(res.outcomes as Record<string, number>).reduce((a, n) => a + n, 0)).toBe(400);
    for (const [c, seat] of Object.entries(res.scores as Record<string, { score: number; histogram: [number, number][] }>)) {
      expect(seat.score).toBe(actual.scores[c as keyof typeof actual.scores]);
      expect(seat.histogram.reduce((a, [, n]) => a + n, 0)).toBe(400);
    }
    // Someone else's game cannot read the run.
    expect((await get(`/api/games/XYWVU7/whatif/${job.job}`, FAC)).status).toBe(404);
  });

  it("a flipped decision plays from the flipped state, for a solo game's player too", async () => {
    const at = decisionAt("PQRT34");
    const { spec } = played.get("PQRT34")!;
    const { choices } = await (await get(`/api/games/PQRT34/whatif?at=${at}`, SOLO)).json();
    const flip = choices[0].action;
    expect(whatIfStart({ ...spec, at, flip }).ok).toBe(true);
    const r = await post("PQRT34", { at, flip, games: 30 }, SOLO);
    expect(r.status).toBe(202);
    const end = await finished("PQRT34", (await r.json()).job, SOLO);
    expect(end).toMatchObject({ state: "done", flipped: true, result: { games: 30 } });
  });
});

describe("what-if limits", () => {
  let b: Booted;
  let stopped = false;
  beforeAll(async () => {
    whatIfLimits.concurrent = 1;
    const s = await seeded([{ code: "GAMEAA", seed: 8 }, { code: "GAMEDD", seed: 9 }]);
    b = await boot({ simThreads: 1 }, s.dir);
  });
  afterAll(async () => {
    whatIfLimits.concurrent = 2;
    if (!stopped) await b.stop();
  });
  const post = (code: string, body: unknown) => fetch(`${b.http}/api/games/${code}/whatif`, { method: "POST", headers: { ...auth(FAC), "Content-Type": "application/json" }, body: JSON.stringify(body) });

  it("caps the runs of the server, and stops every thread when the server closes", async () => {
    const a = await post("GAMEAA", { at: 10, games: 1000 });
    expect(a.status).toBe(202);
    const busy = await post("GAMEDD", { at: 10 });
    expect(busy.status).toBe(503);
    expect((await busy.json()).code).toBe("whatif/busy");
    expect(whatIfThreads()).toBeGreaterThan(0);
    stopped = true;
    await b.stop();
    await waitUntil(() => whatIfThreads() === 0, "threads stopped", 5000);
  });

  it("the wall budget stops a run with the games played so far, marked partial", async () => {
    const { spec, states } = liveGame(10, 2);
    const runs = new WhatIfRuns({ threads: 1, concurrent: 1, budgetMs: 8000 });
    const end = states.at(-1)!.outcome!;
    // 100,000 games would take many minutes: a result within the test's time is the budget's doing.
    const first = runs.start("GAMEAA", { ...spec, at: 12 }, 1, 100_000, { outcome: end.id, scores: end.scores })!;
    let st = first;
    while (st.state === "running") {
      await sleep(200);
      st = runs.get("GAMEAA", first.job)!;
    }
    expect(st, JSON.stringify(st)).toMatchObject({ state: "done", games: 100_000, result: { partial: true, asked: 100_000 } });
    expect(st.result!.games).toBeGreaterThan(0);
    expect(st.result!.games).toBeLessThan(100_000);
    await waitUntil(() => runs.jobs.threads === 0, "threads gone", 5000);
  }, 60_000);

  it("a run is deterministic for its ask, with one thread or two", async () => {
    const { spec, states } = liveGame(11, 2);
    const end = states.at(-1)!.outcome!;
    const play = async (threads: number) => {
      const runs = new WhatIfRuns({ threads, concurrent: 1, budgetMs: 120_000 });
      const first = runs.start("GAMEAA", { ...spec, at: 15 }, 1, 24, { outcome: end.id, scores: end.scores })!;
      let st = first;
      while (st.state === "running") {
        await sleep(100);
        st = runs.get("GAMEAA", first.job)!;
      }
      expect(st.state).toBe("done");
      return { outcomes: st.result!.outcomes, scores: st.result!.scores };
    };
    const [one, two] = await Promise.all([play(1), play(2)]);
    expect(two).toEqual(one);
  }, 60_000);
});
