/**
 * Balance, measured (issue 11; docs/BALANCE.md has the 2,000-game figures and their commands):
 * the simulator's engine in process, the stock bots against each scripted Belarus line of
 * tests/bots/policies on the same game seeds (the first GAMES games of `--seed 1`), checked
 * against the targets with a small margin. Nothing here sets a result: the numbers come from
 * play. Policies run without the simulator's 100 ms limit, so a busy machine changes nothing.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicies } from "../../scripts/lab.ts";
import { gameRecord, labMoves, seatRng, type GameRecord, type Policy } from "../../shared/bots/lab.ts";
import { playGame, type Player } from "../../shared/bots/selfPlay.ts";
import { gameSeed } from "../../shared/bots/tally.ts";
import { OUTCOMES, scenarioOf, view, type Code, type OutcomeId } from "../../shared/rules/index.ts";

const GAMES = 320;
const FILES = ["flatterer.ts", "loyal-ally.mjs", "passive.mjs", "checklist.ts", "refuser.ts"];

/** Belarus played by `policy` (the stock bot when null) in game `i` of `--seed 1`. */
function play(policy: Policy | null, i: number): GameRecord {
  const seed = gameSeed(1, i);
  const rng = seatRng(seed, "BY");
  const players: Partial<Record<Code, Player>> | undefined = policy ? { BY: (s, me) => policy(view(s, me), labMoves(s, me), rng) } : undefined;
  const r = playGame({ seed, players });
  expect(r.rejected).toEqual([]);
  return gameRecord(i, seed, r.state);
}

const runs: Record<string, GameRecord[]> = {};
beforeAll(async () => {
  const lines: Record<string, Policy | null> = { stock: null };
  for (const file of FILES) lines[file.replace(/\.\w+$/, "")] = (await loadPolicies({ BY: pathToFileURL(join(import.meta.dirname, "policies", file)).href })).BY!;
  for (const [name, policy] of Object.entries(lines)) runs[name] = Array.from({ length: GAMES }, (_, i) => play(policy, i));
}, 900_000);

const share = (games: GameRecord[], test: (g: GameRecord) => boolean) => games.filter(test).length / games.length;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
const by = (games: GameRecord[], outcome?: OutcomeId) => mean(games.filter((g) => !outcome || g.outcome === outcome).map((g) => g.scores.BY));
const reliefBY = (g: GameRecord) => g.inForce.filter((c) => c.type === "sanctionsRelief" && c.target === "BY");
const collapse = (games: GameRecord[]) => share(games, (g) => g.outcome === "collapse");

describe("balance on the stock bots and the scripted Belarus lines", () => {
  it("¶16 the two ceasefire outcomes score alike on Belarus's sheet, yet Moscow strong is worth ≥ 2 more to it in play", () => {
    const aims = scenarioOf("minsk-window").objectives;
    const points = (id: string) => aims.find((o) => o.id === id)!.points;
    expect(points("by-ceasefire-strong")).toBe(points("by-ceasefire-weakened"));
    const stock = runs.stock!;
    expect(stock.filter((g) => g.outcome === "ceasefire_weakened").length).toBeGreaterThanOrEqual(12);
    expect(by(stock, "ceasefire_strong") - by(stock, "ceasefire_weakened")).toBeGreaterThanOrEqual(2);
  });

  it("¶1–¶3 a Belarus that only flatters and pardons gets relief in ≤ 5 % of games and scores ≥ 1.5 below the stock bot", () => {
    expect(share(runs.flatterer!, (g) => reliefBY(g).length > 0)).toBeLessThanOrEqual(0.05);
    expect(by(runs.stock!) - by(runs.flatterer!)).toBeGreaterThanOrEqual(1.5);
  });

  it("¶11 ¶14 Moscow's loyal ally sits as a party in ≥ 60 % of games and has parity relief in ≥ 20 %", () => {
    expect(share(runs["loyal-ally"]!, (g) => g.seats.BY === "party")).toBeGreaterThanOrEqual(0.6);
    expect(share(runs["loyal-ally"]!, (g) => reliefBY(g).length > 0)).toBeGreaterThanOrEqual(0.2);
  });

  it("¶12 a Belarus that does nothing is a party in ≤ 50 % of games and does not make the talks collapse (≤ 1.5× the stock rate)", () => {
    expect(share(runs.passive!, (g) => g.seats.BY === "party")).toBeLessThanOrEqual(0.5);
    expect(collapse(runs.passive!)).toBeLessThanOrEqual(1.5 * collapse(runs.stock!));
  });

  it("¶14 no relief for Belarus is ever in force without relief for Russia from the same issuer, on any line", () => {
    for (const [name, games] of Object.entries(runs)) {
      const orphans = games.filter((g) => reliefBY(g).some((r) => !g.inForce.some((c) => c.type === "sanctionsRelief" && c.target === "RU" && c.issuer === r.issuer)));
      expect(orphans.map((g) => g.game), name).toEqual([]);
    }
  });

  it("no scripted line beats the stock Belarus bot by more than 1 point", () => {
    const stock = by(runs.stock!);
    for (const [name, games] of Object.entries(runs)) expect(by(games) - stock, name).toBeLessThanOrEqual(1);
  });

  it("all six outcomes occur in the stock games, and every delegation's mean stays in a comparable range", () => {
    const stock = runs.stock!;
    for (const o of OUTCOMES) expect(stock.some((g) => g.outcome === o), o).toBe(true);
    const means = (["RU", "UA", "US", "EU", "BY"] as Code[]).map((c) => mean(stock.map((g) => g.scores[c])));
    for (const m of means) expect(m).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...means) - Math.min(...means)).toBeLessThanOrEqual(3.5);
  });
});
