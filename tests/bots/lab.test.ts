/**
 * The strategy lab (docs/STRATEGY-LAB.md): `--policy CODE=FILE` and `--games-out FILE`.
 * Policies under tests/bots/policies (scripted Belarus lines) and tests/bots/policies/faulty
 * (policies that break the rules on purpose). Small game counts: each run takes seconds.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadPolicies, players } from "../../scripts/lab.ts";
import { botMove } from "../../shared/bots/index.ts";
import { labMoves, seatRng } from "../../shared/bots/lab.ts";
import { playGame, seatView } from "../../shared/bots/selfPlay.ts";
import { gameSeed } from "../../shared/bots/tally.ts";
import { apply } from "../../shared/rules/apply.ts";
import { CLAUSE_TYPES, DELEGATIONS, OUTCOMES, SEATS, type Code, type GameState, type PlayerAction } from "../../shared/rules/index.ts";

const exec = promisify(execFile);
const simulate = (...args: string[]) => exec(process.execPath, ["scripts/simulate.ts", ...args], { maxBuffer: 1 << 24 });
const P = "tests/bots/policies";
const dir = mkdtempSync(join(tmpdir(), "lab-"));
const strip = (text: string) => ({ ...JSON.parse(text), seconds: 0 });
const url = (file: string) => pathToFileURL(join(process.cwd(), file)).href;

describe("npm run simulate --policy", () => {
  it("gives the same summary and games-out for the same seed, with one worker or two, and loads .mjs and .ts policies", async () => {
    const base = ["--games", "16", "--json", "--policy", `BY=${P}/faulty/random.mjs`, "--policy", `UA=${P}/checklist.ts`];
    const out = (name: string) => join(dir, `${name}.jsonl`);
    const [a, again, two, other] = await Promise.all([
      simulate(...base, "--seed", "5", "--games-out", out("a")),
      simulate(...base, "--seed", "5", "--games-out", out("again")),
      simulate(...base, "--seed", "5", "--workers", "2", "--games-out", out("two")),
      simulate(...base, "--seed", "6", "--games-out", out("other")),
    ]);
    expect(typeof JSON.parse(a.stdout).policyErrors).toBe("number");
    expect(strip(again.stdout)).toEqual(strip(a.stdout));
    expect(strip(two.stdout)).toEqual(strip(a.stdout));
    const file = (name: string) => readFileSync(out(name), "utf8");
    expect(file("again")).toBe(file("a"));
    expect(file("two")).toBe(file("a"));
    expect(file("other")).not.toBe(file("a"));
  }, 180_000);

  it("writes one games-out line per game, in game order, with every field", async () => {
    const out = join(dir, "fields.jsonl");
    const { stdout } = await simulate("--games", "12", "--seed", "3", "--json", "--workers", "2", "--policy", `BY=${P}/loyal-ally.mjs`, "--games-out", out);
    const summary = JSON.parse(stdout);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(12);
    const outcomes: Record<string, number> = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
    lines.forEach((g, i) => {
      expect(Object.keys(g).sort()).toEqual(["aims", "game", "inForce", "outcome", "rounds", "scores", "seats", "seed", "signed", "tracks", "treatyInForce"]);
      expect(g.game).toBe(i);
      expect(g.seed).toBe(gameSeed(3, i));
      expect(OUTCOMES).toContain(g.outcome);
      outcomes[g.outcome]!++;
      expect(g.rounds).toBeGreaterThanOrEqual(1);
      expect(typeof g.treatyInForce).toBe("boolean");
      for (const code of DELEGATIONS) {
        expect(SEATS).toContain(g.seats[code]);
        expect([true, false, null]).toContain(g.signed[code]);
        // A delegation's score is the sum of its aims' points.
        const aims = Object.values(g.aims[code] as Record<string, number>);
        expect(aims.length).toBeGreaterThan(0);
        expect(aims.reduce((x, y) => x + y, 0)).toBe(g.scores[code]);
      }
      for (const cl of g.inForce) expect(CLAUSE_TYPES).toContain(cl.type);
      if (!g.treatyInForce) expect(g.inForce).toEqual([]);
      for (const track of ["momentum", "battlefield", "euUnity", "autonomy", "usFavour", "pardonWaves", "credibility"]) expect(typeof g.tracks[track]).toBe("number");
    });
    expect(outcomes).toEqual(summary.outcomes);
    for (const code of DELEGATIONS) {
      const mean = lines.reduce((x, g) => x + g.scores[code], 0) / lines.length;
      expect(summary.scores[code].mean).toBeCloseTo(mean, 2);
    }
  }, 120_000);

  it("counts refused actions and throws as policy errors, and the games still finish", async () => {
    for (const policy of ["refuses", "throws"]) {
      const { stdout, stderr } = await simulate("--games", "6", "--seed", "2", "--json", "--policy", `BY=${P}/faulty/${policy}.mjs`);
      const out = JSON.parse(stdout);
      expect(out.games).toBe(6);
      expect(Object.values(out.outcomes as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(6);
      // Each of these fails on every call in the rounds: at least once a game.
      expect(out.policyErrors).toBeGreaterThanOrEqual(6);
      expect(stderr).toMatch(policy === "refuses" ? /refused \(phase\/wrong/ : /this policy always throws/);
    }
  }, 120_000);

  it("counts a decision over 100 ms of computing, or over a second by the clock, as a policy error", async () => {
    // Each policy busy-waits 300 ms of CPU time (or sleeps 1.5 s) on its first call, and does
    // nothing at once afterwards: exactly one error, whatever the machine's load.
    const [slow, waits] = await Promise.all(["slow", "waits"].map((p) => simulate("--games", "3", "--seed", "2", "--json", "--policy", `BY=${P}/faulty/${p}.mjs`)));
    for (const { stdout } of [slow!, waits!]) expect(JSON.parse(stdout)).toMatchObject({ games: 3, policyErrors: 1 });
    expect(slow!.stderr).toMatch(/game 0: BY's policy, round 0 \(briefing\): used \d+ ms of computing \(limit 100 ms\)/);
    expect(waits!.stderr).toMatch(/game 0: BY's policy, round 0 \(briefing\): took \d+ ms \(limit 1000 ms by the clock\)/);
  }, 120_000);

  it("ends the phases of a policy that never stops acting", async () => {
    const { stdout, stderr } = await simulate("--games", "2", "--seed", "2", "--json", "--policy", `BY=${P}/faulty/endless.mjs`);
    const out = JSON.parse(stdout);
    expect(out.games).toBe(2);
    expect(out.policyErrors).toBeGreaterThanOrEqual(2);
    expect(stderr).toMatch(/more than 60 actions in one phase/);
  }, 120_000);

  it("loads the policy in the worker threads, which play its games", async () => {
    // The policy throws only when it runs outside the main thread.
    const [two, one] = await Promise.all([
      simulate("--games", "32", "--seed", "2", "--json", "--workers", "2", "--policy", `BY=${P}/faulty/thread.mjs`),
      simulate("--games", "4", "--seed", "2", "--json", "--policy", `BY=${P}/faulty/thread.mjs`),
    ]);
    expect(JSON.parse(two.stdout).policyErrors).toBeGreaterThan(0);
    expect(two.stderr).toMatch(/played in a worker thread/);
    expect(JSON.parse(one.stdout).policyErrors).toBe(0);
  }, 180_000);

  it("refuses a bad --policy with exit code 2 and says why", async () => {
    const cases: [string, RegExp][] = [
      ["XX=docs/policies/by-loyal-ally.mjs", /CODE one of RU, UA, US, EU, BY/],
      ["BY=no/such/policy.mjs", /no such file/],
      ["BY=README.md", /\.mjs, \.js or \.ts/],
      [`BY=${P}/faulty/not-a-function.mjs`, /default export must be a function/],
    ];
    for (const [arg, why] of cases) {
      await expect(simulate("--games", "2", "--policy", arg)).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(why) });
    }
  }, 120_000);
});

describe("policy seats", () => {
  it("see exactly the engine's view: the stock bot as a policy plays the stock games", async () => {
    const policies = await loadPolicies({ BY: url(`${P}/stock.ts`) });
    for (let i = 0; i < 6; i++) {
      const seed = gameSeed(8, i);
      const stock = playGame({ seed });
      const lab = playGame({ seed, players: players(policies, seed, { limits: false }) });
      expect(lab.playerErrors).toEqual([]);
      expect(lab.state).toEqual(stock.state);
    }
  });

  it("play the documented examples and the scripted Belarus lines without a policy error", async () => {
    const files = ["docs/policies/by-loyal-ally.mjs", "docs/policies/by-court-washington.ts", ...["flatterer.ts", "loyal-ally.mjs", "passive.mjs", "checklist.ts", "refuser.ts"].map((f) => `${P}/${f}`)];
    for (const file of files) {
      const policies = await loadPolicies({ BY: url(file) });
      for (let i = 0; i < 2; i++) {
        const seed = gameSeed(30, i);
        const r = playGame({ seed, players: players(policies, seed, { limits: false }) });
        expect(r.playerErrors, file).toEqual([]);
        expect(r.state.phase).toBe("debrief");
      }
    }
  });

  it("are offered only moves the engine takes: every listed action is accepted for that seat", () => {
    const seen = new Set<string>();
    const check = (s: GameState, me: Code): PlayerAction | null => {
      for (const m of labMoves(s, me)) {
        const r = apply(s, m.action, me, 0);
        expect(r.ok, `${me} ${m.label}: ${r.ok ? "" : r.message}`).toBe(true);
        seen.add(m.action.type === "propose" || m.action.type === "suggest" ? `${m.action.type}:${m.action.clause.type}` : m.action.type === "signal" ? `signal:${m.action.signal}` : m.action.type);
      }
      return botMove(seatView(s, me), me);
    };
    const all = Object.fromEntries(DELEGATIONS.map((c) => [c, check]));
    // Games until every kind has been offered (some games end before signing), at most twenty.
    const kinds = ["stance", "respondStaging", "ready", "sign", "seatMotion", "torpedo", "withdraw", "setVenue", "signal:pardonWave", "signal:stagingRequest", "signal:dealPressure"];
    for (let i = 0; i < 20 && (i < 3 || !kinds.every((k) => seen.has(k))); i++) {
      expect(playGame({ seed: gameSeed(21, i), players: all }).playerErrors).toEqual([]);
    }
    // The list covers the client's buttons and a proposal of every clause type.
    for (const kind of kinds) expect(seen).toContain(kind);
    for (const type of CLAUSE_TYPES) expect(seen).toContain(`propose:${type}`);
  }, 60_000);

  it("draw from a generator seeded per game and delegation", () => {
    const draws = (seed: number, me: Code) => {
      const r = seatRng(seed, me);
      return [r(), r(), r()];
    };
    expect(draws(7, "BY")).toEqual(draws(7, "BY"));
    expect(draws(7, "BY")).not.toEqual(draws(7, "RU"));
    expect(draws(7, "BY")).not.toEqual(draws(8, "BY"));
    for (const x of draws(7, "BY")) expect(x >= 0 && x < 1).toBe(true);
  });
});
