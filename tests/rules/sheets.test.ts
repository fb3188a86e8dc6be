/**
 * `sheetsChanged` lets the room recompute only some delegations' briefings after a step. It must
 * never leave one out: over random games (bots, random legal moves with ready toggles often,
 * talk, back channels, the facilitator's commands, the clock), after every accepted action each
 * delegation whose recomputed sheet differs from its sheet before is among those it names.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { briefing, DELEGATIONS, legalMoves, sheetsChanged, type Action, type Code, type GameConfig, type GameState, type Who } from "../../shared/rules/index.ts";
import { botMove } from "../../shared/bots/index.ts";
import { seatView } from "../../shared/bots/selfPlay.ts";
import { Table } from "./harness.ts";

const CODES = DELEGATIONS as readonly Code[];

type Move = { k: "bot" | "legal" | "ready" | "say" | "whisper" | "advance" | "tick"; who: number; pick: number; ms: number };

const moveArb: fc.Arbitrary<Move> = fc.record({
  k: fc.oneof(
    { weight: 20, arbitrary: fc.constant("bot" as const) },
    { weight: 10, arbitrary: fc.constant("legal" as const) },
    { weight: 14, arbitrary: fc.constant("ready" as const) },
    { weight: 4, arbitrary: fc.constant("say" as const) },
    { weight: 3, arbitrary: fc.constant("whisper" as const) },
    { weight: 1, arbitrary: fc.constant("advance" as const) },
    { weight: 2, arbitrary: fc.constant("tick" as const) },
  ),
  who: fc.nat(4),
  pick: fc.nat(),
  ms: fc.integer({ min: 0, max: 60_000 }),
});

/** Delegations played by students (the others by bots): when all of them are ready, the phase ends. */
const humansArb = fc.subarray([...CODES], { minLength: 1 });

const configArb: fc.Arbitrary<Partial<GameConfig>> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  rounds: fc.integer({ min: 1, max: 4 }),
  roundSeconds: fc.constantFrom(0, 120),
  events: fc.boolean(),
  solo: fc.boolean(),
});

const sheets = (s: GameState): string[] => CODES.map((c) => JSON.stringify(briefing(s, c)));

const seen = { steps: 0, narrowed: 0, readyOwn: 0, phaseEndingToggles: 0 };

/** A table with students seated in `humans`, started. */
function seated(config: Partial<GameConfig>, humans: readonly Code[]): Table {
  const t = new Table(config);
  for (const c of humans) t.do("system", { type: "seatHumans", delegation: c, humans: 1 });
  t.do("facilitator", { type: "start" });
  return t;
}

function play(config: Partial<GameConfig>, humans: readonly Code[], moves: Move[]): void {
  const t = seated(config, humans);
  for (const m of moves) {
    if (t.s.phase === "debrief") break;
    t.now += m.ms;
    const code = CODES[m.who]!;
    let who: Who = code;
    let action: Action | null = null;
    switch (m.k) {
      case "bot": action = botMove(seatView(t.s, code), code); break;
      case "legal": {
        const ok = legalMoves(t.s, code).filter((x) => x.ok && x.action);
        action = ok.length ? ok[m.pick % ok.length]!.action! : null;
        break;
      }
      case "ready": action = { type: "ready", ready: !t.s.delegations[code].ready }; break;
      case "say": action = { type: "say", to: "table", text: `line ${m.pick}` }; break;
      case "whisper": action = { type: "say", to: [CODES[(m.who + 1 + (m.pick % 4)) % 5]!], text: `aside ${m.pick}` }; break;
      case "advance": (who = "facilitator"), (action = { type: "advance" }); break;
      case "tick": (who = "system"), (action = { type: "tick" }); break;
    }
    if (!action) continue;
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
    fc.assert(fc.property(configArb, humansArb, fc.array(moveArb, { minLength: 40, maxLength: 250, size: "max" }), play), { numRuns: Number(process.env.SHEETS_RUNS ?? 40) });
    // The property had something to check: many narrowed steps, toggles that changed the
    // mover's sheet, and toggles that ended a phase (which must not be narrowed).
    expect(seen.narrowed).toBeGreaterThan(seen.steps / 5);
    expect(seen.readyOwn).toBeGreaterThan(50);
    expect(seen.phaseEndingToggles).toBeGreaterThan(10);
  });

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
