/**
 * `sheetsChanged` lets the room recompute only some delegations' briefings after a step. It must
 * never leave one out: over random games (bots, random legal moves with ready toggles often,
 * talk, back channels, the facilitator's commands, the clock), after every accepted action each
 * delegation whose recomputed sheet differs from its sheet before is among those it names.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { briefing, sheetsChanged, type Code, type GameConfig, type GameState } from "../../shared/rules/index.ts";
import { Table } from "./harness.ts";
import { actionOf, CODES, configArb, moveArb, type Move } from "./randomMoves.ts";

const moveKinds = moveArb({ bot: 20, legal: 10, ready: 14, say: 4, whisper: 3, advance: 1, tick: 2 }, 60_000);

/** Delegations played by students (the others by bots): when all of them are ready, the phase ends. */
const humansArb = fc.subarray([...CODES], { minLength: 1 });

const sheets = (s: GameState): string[] => CODES.map((c) => JSON.stringify(briefing(s, c)));

const seen = { steps: 0, narrowed: 0, readyOwn: 0, phaseEndingToggles: 0 };

/** A table with students seated in `humans` and bots in the other seats (solo pacing counts them), started. */
function seated(config: Partial<GameConfig>, humans: readonly Code[]): Table {
  const t = new Table(config);
  for (const c of humans) t.do("system", { type: "seatHumans", delegation: c, humans: 1 });
  for (const c of CODES) if (!humans.includes(c)) t.try("facilitator", { type: "setBot", delegation: c, bot: true });
  t.do("facilitator", { type: "start" });
  return t;
}

function play(config: Partial<GameConfig>, humans: readonly Code[], moves: Move[]): void {
  const t = seated(config, humans);
  for (const m of moves) {
    if (t.s.phase === "debrief") break;
    t.now += m.ms;
    const next = actionOf(t.s, m);
    if (!next) continue;
    const { who, action } = next;
    const before = t.s;
    const was = sheets(before);
    if (!t.try(who, action).ok) continue;
    const named = sheetsChanged(before, t.s, action, who);
    const now = sheets(t.s);
    seen.steps++;
    if (action.type === "ready" && (t.s.phase !== before.phase || t.s.round !== before.round)) seen.phaseEndingToggles++;
    if (named === "all") continue;
    seen.narrowed++;
    CODES.forEach((c, i) => {
      if (now[i] !== was[i]) expect(named, `${who} ${JSON.stringify(action)} changed ${c}'s sheet`).toContain(c);
      if (now[i] !== was[i] && c === who) seen.readyOwn++;
    });
  }
}

describe("sheetsChanged", () => {
  it("names every delegation whose briefing a step changed", () => {
    fc.assert(fc.property(configArb(4), humansArb, fc.array(moveKinds, { minLength: 40, maxLength: 250, size: "max" }), play), { numRuns: Number(process.env.SHEETS_RUNS ?? 40) });
    // The property had something to check: many narrowed steps, toggles that changed the
    // mover's sheet, and toggles that ended a phase (which must not be narrowed).
    expect(seen.narrowed).toBeGreaterThan(seen.steps / 5);
    expect(seen.readyOwn).toBeGreaterThan(50);
    expect(seen.phaseEndingToggles).toBeGreaterThan(10);
  }, 240_000); // pure CPU: minutes on a loaded machine, seconds on a quiet one

  it("is the mover's alone for a ready toggle that leaves the phase, everyone's for the one that ends it", () => {
    const t = seated({ rounds: 2 }, CODES);
    t.do("facilitator", { type: "advance" }); // briefing → round 1
    expect(t.s.phase).toBe("round");
    for (const c of ["RU", "UA", "EU", "BY"] as const) {
      const before = t.s;
      t.do(c, { type: "ready", ready: true });
      expect(sheetsChanged(before, t.s, { type: "ready", ready: true }, c)).toEqual([c]);
    }
    const before = t.s;
    t.do("US", { type: "ready", ready: true });
    expect(t.s.round).toBe(2);
    expect(sheetsChanged(before, t.s, { type: "ready", ready: true }, "US")).toBe("all");
    expect(sheetsChanged(t.s, t.s, { type: "say", to: "table", text: "hi" }, "RU")).toEqual([]);
    expect(sheetsChanged(t.s, t.s, { type: "advance" }, "facilitator")).toBe("all");
  });
});
