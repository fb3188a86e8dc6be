/**
 * The replay timeline: random games (bots, random legal moves, talk, back channels, the
 * facilitator's commands, the clock) are played live, keeping the state after every accepted
 * action; then a Timeline over the same log is walked in random orders — forward, back, by
 * round, jumps to marked moments, far jumps — and must give exactly the live state at each
 * position, with round starts and marked moments where the live game had them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Timeline, type GameConfig, type GameState } from "../../shared/rules/index.ts";
import { DECISIVE } from "../../shared/rules/story.ts";
import { Table } from "./harness.ts";
import { actionOf, configArb, moveArb, type Move } from "./randomMoves.ts";

const RUNS = Number(process.env.REPLAY_RUNS ?? 60);

const moveKinds = moveArb({ bot: 30, legal: 12, say: 4, whisper: 4, advance: 2, tick: 2 });

/** Plays a game live; returns its log and the state after every accepted action (index = entries applied). */
function live(config: Partial<GameConfig>, moves: Move[]): { t: Table; states: GameState[] } {
  const t = new Table(config);
  const states: GameState[] = [t.s];
  const keep = () => states.length <= t.log.length && states.push(t.s);
  t.do("facilitator", { type: "start" });
  keep();
  for (const m of moves) {
    if (t.s.phase === "debrief") break;
    t.now += m.ms;
    const next = actionOf(t.s, m);
    if (next) t.try(next.who, next.action);
    keep();
  }
  // Play it out so the debrief, the signing and the outcome are in the log too.
  for (let guard = 0; t.s.phase !== "debrief" && guard < 60; guard++) t.try("facilitator", { type: "advance" }), keep();
  return { t, states };
}

type Walk = { k: "fwd" | "back" | "nextRound" | "prevRound" | "moment" | "jump" | "home" | "end"; n: number };
const walkArb: fc.Arbitrary<Walk> = fc.record({ k: fc.constantFrom("fwd", "fwd", "back", "back", "nextRound", "prevRound", "moment", "jump", "home", "end"), n: fc.nat() });

const stats = { games: 0, positions: 0, moments: new Set<string>(), rounds: 0, debriefs: 0, longest: 0 };

function check(config: Partial<GameConfig>, moves: Move[], walk: Walk[], every: number): void {
  const { t, states } = live(config, moves);
  expect(states.length).toBe(t.log.length + 1);
  const tl = new Timeline(config, t.log, "minsk-window", every);
  expect(tl.length).toBe(t.log.length);
  // Round starts: exactly where the live game changed chapter; marked moments: where their line appeared.
  const chapter = (s: GameState) => (s.phase === "round" ? `round-${s.round}` : s.phase);
  expect(tl.roundStarts).toEqual(states.flatMap((s, i) => (i > 0 && chapter(s) !== chapter(states[i - 1]!) ? [i] : [])));
  for (const m of tl.moments) {
    const line = states[m.at]!.table.slice(states[m.at - 1]!.table.length).find((e) => e.text === m.text && e.tag === m.tag);
    expect(line, `moment ${m.mark} at ${m.at}`).toBeDefined();
    expect(DECISIVE[m.tag]).toBe(m.mark);
    stats.moments.add(m.tag);
  }
  const marked = states.at(-1)!.table.filter((e) => e.kind === "event" && (e.tag ?? "") in DECISIVE).length;
  expect(tl.moments.length).toBe(marked);
  let at = 0;
  for (const w of walk) {
    switch (w.k) {
      case "fwd": at = Math.min(tl.length, at + 1 + (w.n % 3)); break;
      case "back": at = Math.max(0, at - 1 - (w.n % 3)); break;
      case "nextRound": at = tl.nextRound(at); break;
      case "prevRound": at = tl.previousRound(at); break;
      case "moment": at = tl.moments.length ? tl.moments[w.n % tl.moments.length]!.at : at; break;
      case "jump": at = w.n % (tl.length + 1); break;
      case "home": at = 0; break;
      case "end": at = tl.length; break;
    }
    const got = tl.goto(at);
    expect(got.at).toBe(at);
    expect(got.state).toEqual(states[at]);
    expect(tl.round[at]).toBe(states[at]!.round);
    expect(tl.next(at)).toBe(t.log[at]);
    stats.positions++;
  }
  // States handed out are the caller's: stepping on does not change one already given.
  const kept = tl.state(Math.floor(tl.length / 2));
  const copy = structuredClone(kept);
  tl.goto(tl.length);
  expect(kept).toEqual(copy);
  expect(tl.state(tl.length)).toEqual(t.s);
  stats.games++;
  stats.rounds += tl.roundStarts.length;
  stats.longest = Math.max(stats.longest, tl.length);
  if (t.s.phase === "debrief") stats.debriefs++;
}

describe("replay timeline", () => {
  it("stepping forward, back, by round and to marked moments gives exactly the live game's states", () => {
    fc.assert(
      fc.property(configArb(5), fc.array(moveKinds, { minLength: 50, maxLength: 400, size: "max" }), fc.array(walkArb, { minLength: 5, maxLength: 60, size: "max" }), fc.constantFrom(1, 7, 50), (config, moves, walk, every) =>
        check(config, moves, walk, every),
      ),
      { numRuns: RUNS, seed: 0x7e91 },
    );
    console.info("replay stats", { ...stats, moments: [...stats.moments] });
    expect(stats.games).toBe(RUNS);
    expect(stats.debriefs).toBe(RUNS);
    // The games reached the moments the replay marks, not only the opening.
    for (const tag of ["agreed", "event", "sign", "outcome"]) expect(stats.moments.has(tag), tag).toBe(true);
  }, 240_000);

  it("a refused entry is a corrupt log: the timeline says which one", () => {
    expect(() => new Timeline({ seed: 3 }, [{ who: "facilitator", action: { type: "start" }, now: 1 }, { who: "US", action: { type: "signal", signal: "nope" } as never, now: 2 }])).toThrow(/log entry 2/);
  });
});
